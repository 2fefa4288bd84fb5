package io.agentgov.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces credentials in producer text with a marker, {@code [REDACTED:<kind>]}, so they never
 * reach a table, a report or a log. Input contract v1 says {@code input_context.summary} is already
 * sanitised and that unknown fields are kept; producers make mistakes, so ingest applies this to
 * every free-text value it stores (docs/ingest.md, "Secrets").
 *
 * <p>Two ways to recognise a secret. By its format, in any text ({@link #scrub(String, Redactions)}):
 * the {@link Rule}s below, each citing where its format is defined. By its name: a field or a
 * {@code key=value} / {@code "key": value} pair whose key says password, secret, token, api key,
 * authorization or cookie ({@link #isSecretName}) has its whole value replaced, whatever it looks
 * like; booleans and nulls under such names are kept (they say whether a secret exists, not what it is).
 *
 * <p>Deterministic and idempotent: the same text always gives the same result, and a marker is never
 * matched again. Ingest relies on both: it scrubs before computing {@code event_hash}, so a
 * re-delivered line hashes alike and a stored row verifies against its day digest.
 *
 * <p>What it cannot do: recognise a secret with neither a known format nor a telling name (a password
 * in prose, a random key in a field called {@code value}); see docs/ingest.md.
 */
public final class SecretScrubber {
  private SecretScrubber() {}

  static final String MARKER = "[REDACTED:";
  /** Kind of a value redacted for its name, unless the name says password or names an AWS secret. */
  static final String SECRET_FIELD = "secret_field";
  static final String PASSWORD = "password";
  static final String AWS_SECRET_KEY = "aws_secret_key";

  /** How long a value quoted in an error message may be; longer ones are cut with "...". */
  private static final int MESSAGE_VALUE_CHARS = 60;

  /** Words that make a field name secret wherever they occur in it (e.g. {@code db_password_hash}, {@code set-cookie}). */
  private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "pwd", "passphrase", "secret", "secrets",
      "authorization", "cookie", "cookies");
  /** Words that make {@code <word>_key} a secret name ({@code api_key}, {@code private_key}; not {@code partition_key}). */
  private static final Set<String> KEY_QUALIFIERS = Set.of("api", "private", "secret", "access", "signing", "encryption",
      "client", "master", "session", "ssh");

  /** HTTP authentication schemes that may precede a bare named value (RFC 9110 section 11.4, "Authorization: Basic ..."). */
  private static final List<String> AUTH_SCHEMES = List.of("basic", "bearer", "digest", "token");

  /** A secret a rule found: the part of the text to replace, and its kind. */
  private record Found(int start, int end, String kind) {}

  /**
   * Credential formats, applied in this order. Private keys come first (a PEM block spans lines, and
   * a {@code key=value} rule would stop at the first space); named values next, so a header such as
   * {@code Authorization: Bearer <jwt>} is one redaction, not two. Every expression is linear in the
   * text and never recurses per character (a value of any length is scanned by code, not matched),
   * so a hostile 1 MiB line cannot overflow the stack.
   */
  enum Rule {
    /** PEM (RFC 7468) private keys, as gitleaks' {@code private-key} rule; to the end of the text when cut off. */
    PRIVATE_KEY("private_key",
        "-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----.*?(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|\\z)",
        Pattern.DOTALL, 0, "private key"),
    /**
     * {@code key=value}, {@code key: value}, {@code "key": "value"} whose key is a secret name (the
     * keyword idea of gitleaks' {@code generic-api-key}, narrowed to names). The expression ends where
     * the value starts; {@link #namedValue} reads the value.
     */
    NAMED_VALUE(null, "(?<![A-Za-z0-9_.-])([\"']?)([A-Za-z][A-Za-z0-9_.-]{0,63})\\1\\s*[:=]\\s*", 0, 0,
        "pass", "pwd", "secret", "token", "key", "auth", "cookie") {
      @Override
      Found found(Matcher m, String text) {
        return namedValue(m.group(2), text, m.end());
      }

      @Override
      int resume(Matcher m) {
        return m.end(); // at the value, which may be (or hold) a pair of its own: "summary": "password=..."
      }
    },
    /**
     * An OTLP/JSON attribute, {@code {"key": "<name>", "value": {"stringValue": ...}}} (OTLP
     * specification, "JSON Protobuf Encoding"), whose name is a secret name: raw text of a rejected span.
     */
    OTLP_ATTRIBUTE(null, "\"key\"\\s*:\\s*\"([^\"\\\\]{1,200})\"\\s*,\\s*\"value\"\\s*:\\s*\\{\\s*\"[A-Za-z]+\"\\s*:\\s*", 0, 0,
        "\"key\"") {
      @Override
      Found found(Matcher m, String text) {
        return namedValue(m.group(1), text, m.end());
      }
    },
    /** JSON Web Tokens (RFC 7519 compact form: base64url header and payload, both JSON objects, so "eyJ"), as gitleaks' {@code jwt}. */
    JWT("jwt", "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)?", 0, 0, "eyj"),
    /** OAuth bearer tokens (RFC 6750 section 2.1, b64token syntax); the word "Bearer" stays. */
    BEARER("bearer_token", "(?i)\\bbearer\\s+([A-Za-z0-9\\-._~+/]{8,}=*)", 0, 1, "bearer"),
    /**
     * GitHub tokens (GitHub Docs, "About authentication to GitHub", token formats ghp_, gho_, ghu_,
     * ghs_, ghr_ and fine-grained github_pat_), as gitleaks' {@code github-pat} and {@code github-fine-grained-pat}.
     */
    GITHUB("github_token", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", 0, 0,
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    /** Slack tokens (Slack API docs, "Token types": xoxb, xoxp, xoxa, xoxr, xoxs, xoxe), as gitleaks' {@code slack-*-token}. */
    SLACK("slack_token", "\\bxox[abeoprs]-[A-Za-z0-9-]{10,}", 0, 0, "xox"),
    /** Stripe secret and restricted keys (Stripe docs, "API keys"), as gitleaks' {@code stripe-access-token}. */
    STRIPE("stripe_key", "\\b[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,}", 0, 0, "k_live_", "k_test_", "k_prod_"),
    /** OpenAI-style keys: sk-, sk-proj-, also Anthropic's sk-ant- (gitleaks {@code openai-api-key}, {@code anthropic-api-key}). */
    SK_KEY("sk_api_key", "\\bsk-[A-Za-z0-9_-]{20,}", 0, 0, "sk-"),
    /** Google API keys (Google Cloud docs, "API keys": AIza and 35 more), as gitleaks' {@code gcp-api-key}. */
    GOOGLE("google_api_key", "\\bAIza[0-9A-Za-z_-]{35}", 0, 0, "aiza"),
    /** AWS access key ids (AWS IAM User Guide, "Unique identifier prefixes"), as gitleaks' {@code aws-access-token}. */
    AWS_ACCESS_KEY("aws_access_key", "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", 0, 0, "akia", "asia", "abia", "acca"),
    /** The password of a URI's userinfo (RFC 3986 section 3.2.1, scheme://user:password@host); user and host stay. */
    CONNECTION_PASSWORD("connection_password", "\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:\"'<>]+:([^\\s/?#@\"'<>]+)@",
        0, 1, "://"),
    /**
     * Payment card numbers (PCI DSS: 13 to 19 digits; ISO/IEC 7812-1: major industry identifiers 3 to 6,
     * travel, banking and merchandising cards), a space or dash allowed between digits, kept only when
     * the Luhn check digit (ISO/IEC 7812-1 Annex B) holds.
     */
    CARD_NUMBER("card_number", "(?<![0-9.])[3-6][0-9](?:[ -]?[0-9]){11,17}(?![0-9])", 0, 0) {
      @Override
      boolean mayMatch(String lower) {
        int digits = 0;
        for (int i = 0; i < lower.length() && digits < 13; i++) {
          char c = lower.charAt(i);
          if (c >= '0' && c <= '9') {
            digits++;
          }
        }
        return digits >= 13;
      }

      @Override
      Found found(Matcher m, String text) {
        return passesLuhn(m.group()) ? new Found(m.start(), m.end(), kind) : null;
      }
    };

    final String kind;
    final Pattern pattern;
    /** The group that is the secret (0: the whole match). */
    final int group;
    /** Lower-case substrings one of which every match contains: a cheap test before the regular expression. */
    final String[] anchors;

    Rule(String kind, String regex, int flags, int group, String... anchors) {
      this.kind = kind;
      this.pattern = Pattern.compile(regex, flags);
      this.group = group;
      this.anchors = anchors;
    }

    boolean mayMatch(String lower) {
      for (String anchor : anchors) {
        if (lower.contains(anchor)) {
          return true;
        }
      }
      return false;
    }

    /** The secret of this match, or null when it is not one after all. */
    Found found(Matcher m, String text) {
      String secret = m.group(group);
      // a userinfo password already redacted reads "[REDACTED:connection_password]"
      return secret.startsWith(MARKER) ? null : new Found(m.start(group), m.end(group), kind);
    }

    /** Where to look on after a match that is not a secret. */
    int resume(Matcher m) {
      return m.end();
    }
  }

  /**
   * The text with every secret of a known format, and every value of a {@code key=value} pair with a
   * secret name, replaced by {@code [REDACTED:<kind>]}; each replacement is counted in {@code redacted}.
   * Returns the same instance when nothing was found (and null for null).
   */
  public static String scrub(String text, Redactions redacted) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String result = text;
    // Replacing a secret with a marker never creates a match, so anchors found in the original text
    // are a safe (wider) test for the text after earlier rules.
    for (Rule rule : Rule.values()) {
      if (rule.mayMatch(lower)) {
        result = apply(rule, result, redacted);
      }
    }
    return result;
  }

  /** {@link #scrub(String, Redactions)} without counting: for text that quotes values already counted elsewhere. */
  public static String redact(String text) {
    return scrub(text, null);
  }

  /**
   * An input value as an error message may quote it: secrets redacted first, then cut to 60
   * characters (cutting first could leave a token too short to recognise, yet long enough to use).
   */
  public static String forMessage(String value) {
    String shown = redact(value);
    return shown.length() > MESSAGE_VALUE_CHARS ? shown.substring(0, MESSAGE_VALUE_CHARS - 3) + "..." : shown;
  }

  /**
   * The value of a field with secrets replaced: all of it when {@code name} is a secret name
   * (unless a boolean or null), else every string inside it scrubbed, field names of nested objects
   * checked the same way. Returns the same instance when nothing was found.
   */
  public static JsonNode scrub(String name, JsonNode value, Redactions redacted) {
    if (value.isNull() || value.isBoolean() || value.isMissingNode()) {
      return value;
    }
    List<String> words = words(name);
    if (isSecretName(words)) {
      if (value.isTextual() && (value.textValue().isEmpty() || value.textValue().startsWith(MARKER))) {
        return value;
      }
      String kind = nameKind(words);
      count(redacted, kind);
      return TextNode.valueOf(MARKER + kind + "]");
    }
    if (value.isTextual()) {
      String text = scrub(value.textValue(), redacted);
      return text == value.textValue() ? value : TextNode.valueOf(text);
    }
    if (value.isObject()) {
      ObjectNode copy = null;
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode scrubbed = scrub(field.getKey(), field.getValue(), redacted);
        if (scrubbed != field.getValue() && copy == null) {
          copy = ((ObjectNode) value).deepCopy();
        }
        if (copy != null) {
          copy.set(field.getKey(), scrubbed);
        }
      }
      return copy == null ? value : copy;
    }
    if (value.isArray()) {
      ArrayNode copy = null;
      for (int i = 0; i < value.size(); i++) {
        JsonNode scrubbed = scrub(name, value.get(i), redacted);
        if (scrubbed != value.get(i) && copy == null) {
          copy = JsonNodeFactory.instance.arrayNode(value.size());
          for (int j = 0; j < i; j++) {
            copy.add(value.get(j));
          }
        }
        if (copy != null) {
          copy.add(scrubbed);
        }
      }
      return copy == null ? value : copy;
    }
    return value; // a number under a name that is not secret
  }

  /** Whether a field name says its value is a secret: see {@link #SECRET_WORDS} and {@link #KEY_QUALIFIERS}. */
  public static boolean isSecretName(String name) {
    return isSecretName(words(name));
  }

  private static boolean isSecretName(List<String> words) {
    if (words.isEmpty()) {
      return false;
    }
    for (String word : words) {
      if (SECRET_WORDS.contains(word)) {
        return true;
      }
    }
    String last = words.get(words.size() - 1);
    // access_token, x-auth-token, csrftoken, x-api-key, apikey; but not input_tokens or token_type
    if (last.endsWith("token") || last.endsWith("apikey")) {
      return true;
    }
    return last.equals("key") && words.size() > 1 && KEY_QUALIFIERS.contains(words.get(words.size() - 2));
  }

  private static String nameKind(List<String> words) {
    if (words.contains("password") || words.contains("passwd") || words.contains("pwd") || words.contains("passphrase")) {
      return PASSWORD;
    }
    return words.contains("aws") ? AWS_SECRET_KEY : SECRET_FIELD;
  }

  /**
   * The lower-case words of a name, split at anything not a letter or digit and at camel-case
   * boundaries: {@code X-Api-Key}, {@code x_api_key} and {@code xAPIKey} all give x, api, key.
   */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char previous = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (!Character.isUpperCase(previous) || nextLower) {
          flush(word, words);
        }
      }
      word.append(Character.toLowerCase(c));
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static String apply(Rule rule, String text, Redactions redacted) {
    Matcher m = rule.pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from < text.length() && m.find(from)) {
      Found found = rule.found(m, text);
      if (found == null) {
        from = rule.resume(m);
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, found.start()).append(MARKER).append(found.kind()).append(']');
      copied = found.end();
      from = found.end();
      count(redacted, found.kind());
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static void count(Redactions redacted, String kind) {
    if (redacted != null) {
      redacted.add(kind);
    }
  }

  /**
   * The value starting at {@code start} when {@code name} is a secret name, else null. A quoted value
   * keeps its quotes (its content is replaced, to its closing quote or the end of a cut-off text); an
   * object or list is replaced whole; a bare value is one word, after an HTTP auth scheme if any.
   * Booleans, nulls, empty values and values already redacted are not secrets.
   */
  private static Found namedValue(String name, String text, int start) {
    List<String> words = words(name);
    // the name first: measuring every value (an object to its closing bracket) would make nesting quadratic
    if (start >= text.length() || !isSecretName(words)) {
      return null;
    }
    char first = text.charAt(start);
    int from;
    int to;
    if (first == '"' || first == '\'') {
      from = start + 1;
      to = closingQuote(text, from, first);
    } else if (first == '{' || (first == '[' && !text.startsWith(MARKER, start))) {
      from = start;
      to = closing(text, start);
    } else {
      from = start;
      to = start + authScheme(text, start);
      while (to < text.length() && !endsBareValue(text.charAt(to))) {
        to++;
      }
    }
    String value = text.substring(from, to);
    if (value.isEmpty() || value.contains(MARKER) || value.equals("true") || value.equals("false") || value.equals("null")) {
      return null;
    }
    return new Found(from, to, nameKind(words));
  }

  /** The offset of the quote closing a string whose content starts at {@code from}; the end of the text if none. */
  private static int closingQuote(String text, int from, char quote) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '"') {
        i++; // a JSON escape: the next character is part of the string
      } else if (c == quote || c == '\n') {
        return i;
      }
    }
    return text.length();
  }

  /** The length of an HTTP auth scheme and the blanks after it at {@code start}, or 0. */
  private static int authScheme(String text, int start) {
    for (String scheme : AUTH_SCHEMES) {
      int end = start + scheme.length();
      if (text.regionMatches(true, start, scheme, 0, scheme.length()) && end < text.length()
          && Character.isWhitespace(text.charAt(end))) {
        while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
          end++;
        }
        return end - start;
      }
    }
    return 0;
  }

  /** Characters that end a bare value: blanks, separators of pairs, quotes and brackets. */
  private static boolean endsBareValue(char c) {
    return Character.isWhitespace(c) || ",;&\"'{}[]".indexOf(c) >= 0;
  }

  /**
   * The offset just past the bracket that closes the object or list opening at {@code open}, skipping
   * JSON strings; the end of the text when it never closes (a cut-off record).
   */
  private static int closing(String text, int open) {
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.length();
  }

  /** The Luhn check (ISO/IEC 7812-1 Annex B) over the digits of a text, separators ignored. */
  static boolean passesLuhn(String text) {
    int sum = 0;
    boolean twice = false;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
