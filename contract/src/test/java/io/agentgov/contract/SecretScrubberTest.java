package io.agentgov.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each credential format is recognised in a sentence, replaced by its marker and counted once; the
 * text around it is kept; look-alikes are left alone; scrubbing twice changes nothing more. The
 * secrets are fakes in the documented formats (AWS's and Stripe's documentation examples, card test
 * numbers that pass the Luhn check).
 */
class SecretScrubberTest {
  static final String GITHUB_PAT = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456";

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of("aws_access_key", "AKIAIOSFODNN7EXAMPLE", "used key AKIAIOSFODNN7EXAMPLE for s3"),
        Arguments.of("aws_access_key", "ASIAY34FZKBOKMUTVV7A", "temporary ASIAY34FZKBOKMUTVV7A"),
        Arguments.of("aws_secret_key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in env"),
        Arguments.of("private_key", "MIIEowIBAAKCAQEAfakekeymaterial",
            "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAfakekeymaterial\n-----END RSA PRIVATE KEY----- done"),
        Arguments.of("private_key", "b3BlbnNzaC1rZXktdjEAAAAAfake",
            "cut off -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAfake"),
        Arguments.of("jwt", "eyJzdWIiOiIxMjM0NTY3ODkwIn0",
            "session eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok"),
        Arguments.of("bearer_token", "mF_9.B5f-4.1JqM", "sent Bearer mF_9.B5f-4.1JqM upstream"),
        Arguments.of("secret_field", "mF_9.B5f-4.1JqM", "Authorization: Bearer mF_9.B5f-4.1JqM"),
        Arguments.of("secret_field", "dXNlcjpwYXNzd29yZA==", "Authorization: Basic dXNlcjpwYXNzd29yZA=="),
        Arguments.of("github_token", "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "cloned with ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
        Arguments.of("github_token", GITHUB_PAT, "pat " + GITHUB_PAT),
        Arguments.of("slack_token", "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "posted via xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
        Arguments.of("stripe_key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "charged with sk_live_4eC39HqLyjWDarjtT1zdp7dc."),
        Arguments.of("sk_api_key", "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "model key sk-proj-abcdefghijklmnopqrstuvwxyz012345"),
        Arguments.of("google_api_key", "AIzaSyD-abcdefghijklmnopqrstuvwxyz01234", "maps AIzaSyD-abcdefghijklmnopqrstuvwxyz01234"),
        Arguments.of("password", "hunter2", "login with password=hunter2 failed"),
        Arguments.of("password", "correct horse", "{\"db_password\": \"correct horse\"}"),
        Arguments.of("secret_field", "s3cr3tValue", "client_secret: s3cr3tValue"),
        Arguments.of("secret_field", "abc123def456", "GET /v1/items?api_key=abc123def456&page=2"),
        Arguments.of("connection_password", "Tr0ub4dor", "dsn postgres://app:Tr0ub4dor@db.internal:5432/ledger"),
        Arguments.of("card_number", "4111 1111 1111 1111", "card 4111 1111 1111 1111 exp 12/29"),
        Arguments.of("card_number", "4242424242424242", "pan=4242424242424242;"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("secrets")
  void aSecretIsReplacedByItsMarkerAndCountedOnce(String kind, String secret, String text) {
    Redactions redacted = new Redactions();
    String scrubbed = SecretScrubber.scrub(text, redacted);
    assertFalse(scrubbed.contains(secret), scrubbed);
    assertTrue(scrubbed.contains("[REDACTED:" + kind + "]"), scrubbed);
    assertEquals(Map.of(kind, 1L), redacted.byKind(), scrubbed);
    String firstWord = text.substring(0, text.indexOf(' ') < 0 ? text.length() : text.indexOf(' '));
    if (!text.startsWith(secret) && !firstWord.contains(secret)) {
      assertTrue(scrubbed.startsWith(firstWord), "the text around the secret stays: " + scrubbed);
    }

    Redactions again = new Redactions();
    assertSame(scrubbed, SecretScrubber.scrub(scrubbed, again), "a marker is never matched again");
    assertTrue(again.isEmpty(), again::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "input_tokens: 42, output_tokens=7", "token_type=Bearer", "the bearer of bad news arrived",
      "partition_key=event_date", "order 4111111111111112 shipped", "span started 1772409600123456789",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736", "https://example.com/a?b=c", "sk-short", "password_set: true",
      "has_password=false", "task-0123456789abcdefghijklmnop", "passport renewal: next week", "key=value",
      "Refund of 512.40 EUR for order 77812 approved"})
  void lookAlikesAreLeftAlone(String text) {
    Redactions redacted = new Redactions();
    assertSame(text, SecretScrubber.scrub(text, redacted));
    assertTrue(redacted.isEmpty(), redacted::toString);
  }

  @Test
  void aFieldNamedAsASecretLosesItsWholeValueAndNestedFieldsAreCheckedByName() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode value = json.readTree("{\"authorization\": \"Basic dXNlcjpwYXNz\", \"accept\": \"application/json\","
        + " \"nested\": {\"api_key\": 12345, \"has_password\": true, \"note\": \"AKIAIOSFODNN7EXAMPLE\"},"
        + " \"list\": [\"ok\", \"ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\"], \"input_tokens\": 5}");
    Redactions redacted = new Redactions();
    JsonNode scrubbed = SecretScrubber.scrub("headers", value, redacted);
    assertEquals(json.readTree("{\"authorization\": \"[REDACTED:secret_field]\", \"accept\": \"application/json\","
        + " \"nested\": {\"api_key\": \"[REDACTED:secret_field]\", \"has_password\": true, \"note\": \"[REDACTED:aws_access_key]\"},"
        + " \"list\": [\"ok\", \"[REDACTED:github_token]\"], \"input_tokens\": 5}"), scrubbed);
    assertEquals(Map.of("secret_field", 2L, "aws_access_key", 1L, "github_token", 1L), redacted.byKind());
    assertTrue(value.toString().contains("dXNlcjpwYXNz"), "the input tree is not modified");

    Redactions none = new Redactions();
    assertSame(scrubbed, SecretScrubber.scrub("headers", scrubbed, none));
    assertTrue(none.isEmpty(), none::toString);
    assertEquals("\"[REDACTED:password]\"", SecretScrubber.scrub("db.password", json.readTree("\"hunter2\""), none).toString());
  }

  @Test
  void rawJsonTextLosesNamedValuesAtAnyDepthAndOtlpAttributesNamedAsSecrets() {
    String raw = "{\"event_id\":\"e-1\",\"headers\":{\"Authorization\":\"Basic dXNlcjpwYXNz\"},"
        + "\"db\":{\"password\":{\"v\":\"hunter2\",\"w\":[1,2]}},\"input_context\":{\"summary\":\"note password=hunter3 here\"},"
        + "\"attributes\":[{\"key\":\"db.password\",\"value\":{\"stringValue\":\"hunter4\"}},"
        + "{\"key\":\"http.route\",\"value\":{\"stringValue\":\"/refunds\"}}],\"cut\":\"api_key\":\"hunter5";
    Redactions redacted = new Redactions();
    String scrubbed = SecretScrubber.scrub(raw, redacted);
    for (String secret : new String[] {"dXNlcjpwYXNz", "hunter2", "hunter3", "hunter4", "hunter5"}) {
      assertFalse(scrubbed.contains(secret), secret + " in " + scrubbed);
    }
    assertTrue(scrubbed.contains("\"event_id\":\"e-1\"") && scrubbed.contains("/refunds") && scrubbed.contains("note "),
        "what is not secret stays: " + scrubbed);
    assertTrue(scrubbed.contains("\"password\":[REDACTED:password]},\"input_context\""), "an object value ends at its bracket: "
        + scrubbed);
    assertEquals(Map.of("secret_field", 2L, "password", 3L), redacted.byKind(), scrubbed);
  }

  @Test
  void aHostileMegabyteLineIsScannedWithoutRecursion() {
    String escapes = "{\"note\": \"" + "\\\"".repeat(300_000) + "\", \"password\": \"" + "p".repeat(1 << 20) + "\"}";
    Redactions redacted = new Redactions();
    String scrubbed = SecretScrubber.scrub(escapes, redacted);
    assertTrue(scrubbed.endsWith("\"password\": \"[REDACTED:password]\"}"), scrubbed.substring(scrubbed.length() - 60));
    assertEquals(Map.of("password", 1L), redacted.byKind());

    String nested = "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_000);
    assertSame(nested, SecretScrubber.scrub(nested, redacted), "deep nesting is read once, not once per level");
  }

  @Test
  void aValueQuotedInAMessageIsRedactedBeforeItIsCut() {
    String shown = SecretScrubber.forMessage(GITHUB_PAT);
    assertEquals("[REDACTED:github_token]", shown);
    String longText = "x".repeat(100);
    assertEquals("x".repeat(57) + "...", SecretScrubber.forMessage(longText));
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "db_password_hash", "x-api-key", "apiKey", "APIKey", "access_token", "Set-Cookie",
      "http.request.header.authorization", "aws_secret_access_key", "private_key", "PASSWD", "client-secret"})
  void secretNames(String name) {
    assertTrue(SecretScrubber.isSecretName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"input_tokens", "token_type", "gen_ai.token.type", "partition_key", "key", "summary",
      "credential", "session_id", "tokenizer", "keyboard"})
  void namesThatAreNotSecret(String name) {
    assertFalse(SecretScrubber.isSecretName(name), name);
  }

  @Test
  void luhnCheckDigit() {
    assertTrue(SecretScrubber.passesLuhn("79927398713"), "the usual worked example, check digit 3");
    assertFalse(SecretScrubber.passesLuhn("79927398710"));
    assertTrue(SecretScrubber.passesLuhn("3782-822463-10005"), "an American Express test number");
  }
}
