package io.agentgov.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one JSON object against the contract, naming the dotted path of a bad field
 * in every {@link ContractViolation}. Keys it never reads are the object's unknown extras; they are
 * kept (as canonical JSON text), never a reason to reject ({@link #collectExtras}).
 *
 * <p>Conventions (docs/contract.md): JSON null is the same as an absent field; a required string
 * must be non-blank; integers may also come as decimal strings (the protobuf JSON mapping writes
 * int64 as strings); timestamps are RFC 3339 with an offset, normalised to UTC and truncated to
 * microseconds (the precision of an Iceberg timestamp).
 */
public final class JsonObjectReader {
  /** Digits with an optional sign and fraction: how a decimal is written as a string. */
  private static final java.util.regex.Pattern DECIMAL_TEXT = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");

  /**
   * Longest numeric text read as a number: Jackson's limit on number literals. Parsing decimal text
   * takes time quadratic in its length (a 900,000-digit string takes about 15 s), so longer text is
   * out of range unread.
   */
  private static final int MAX_NUMBER_CHARS = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

  private final ObjectNode node;
  private final String prefix;
  /** Keys looked up so far (a few dozen at most: a plain array beats a hash set here). */
  private String[] read = new String[16];
  private int readCount;
  /** How many looked-up keys the object has: when it equals the object's size there are no extras. */
  private int presentRead;
  /** Every reader opened under the root, the root included, so extras are found at any depth. */
  private final List<JsonObjectReader> tree;
  /** Secrets replaced in this record's free text and extras ({@link SecretScrubber}), shared by the tree. */
  private final Redactions redacted;

  private JsonObjectReader(ObjectNode node, String path, List<JsonObjectReader> tree, Redactions redacted) {
    this.node = node;
    this.prefix = path.isEmpty() ? "" : path + ".";
    this.tree = tree;
    this.redacted = redacted;
    tree.add(this);
  }

  /**
   * The top-level object of a record; secrets found in its free text ({@link #optionalText}) and its
   * extras are replaced by markers and counted in {@code redacted}.
   */
  public static JsonObjectReader root(JsonNode node, Redactions redacted) throws ContractViolation {
    if (node == null || !node.isObject()) {
      throw new ContractViolation(ReasonCode.NOT_AN_OBJECT, null,
          "record is a JSON " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()) + ", not an object");
    }
    return new JsonObjectReader((ObjectNode) node, "", new ArrayList<>(8), redacted);
  }

  public ObjectNode node() {
    return node;
  }

  /** The dotted path of {@code key} in this object, as error messages and extras name it. */
  public String path(String key) {
    return prefix + key;
  }

  private JsonNode get(String key) {
    if (readCount == read.length) {
      read = java.util.Arrays.copyOf(read, readCount * 2);
    }
    read[readCount++] = key;
    JsonNode value = node.get(key);
    if (value != null) {
      presentRead++;
    }
    return value == null || value.isNull() ? null : value;
  }

  private ContractViolation missing(String key) {
    return new ContractViolation(ReasonCode.MISSING_FIELD, path(key), "missing required field " + path(key));
  }

  private ContractViolation wrongType(String key, JsonNode value, String expected) {
    return new ContractViolation(ReasonCode.WRONG_TYPE, path(key),
        path(key) + " must be " + expected + ", got " + describe(value));
  }

  static String describe(JsonNode value) {
    return value.getNodeType().name().toLowerCase() + " " + SecretScrubber.forMessage(value.toString());
  }

  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  // ---------------------------------------------------------------- strings and enums

  public String optionalString(String key) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(key, value, "a string");
    }
    return value.textValue();
  }

  /**
   * An optional string of free text (a summary, a message, a resource path), where a producer may
   * have left a credential: secrets in it are replaced by markers ({@link SecretScrubber}).
   */
  public String optionalText(String key) throws ContractViolation {
    return SecretScrubber.scrub(optionalString(key), redacted);
  }

  public String requiredString(String key) throws ContractViolation {
    String value = optionalString(key);
    if (value == null || value.isBlank()) {
      throw missing(key);
    }
    return value;
  }

  /** An optional value of a closed set, returned in its wire spelling. */
  public <E extends Enum<E> & Vocabulary.Wire> String optionalEnum(String key, Class<E> type) throws ContractViolation {
    String value = optionalString(key);
    if (value == null) {
      return null;
    }
    if (Vocabulary.fromWire(type, value) == null) {
      throw new ContractViolation(ReasonCode.INVALID_VALUE, path(key),
          path(key) + " is \"" + SecretScrubber.forMessage(value) + "\", allowed: "
              + String.join(", ", Vocabulary.allowed(type)));
    }
    return value;
  }

  public <E extends Enum<E> & Vocabulary.Wire> String requiredEnum(String key, Class<E> type) throws ContractViolation {
    String value = optionalEnum(key, type);
    if (value == null) {
      throw missing(key);
    }
    return value;
  }

  // ---------------------------------------------------------------- numbers and booleans

  public Long optionalLong(String key, long min, long max) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    BigDecimal number;
    if (value.isNumber()) {
      number = finite(value);
    } else if (value.isTextual() && isDecimalInteger(value.textValue())) {
      number = decimal(value.textValue());
    } else {
      throw wrongType(key, value, "an integer");
    }
    if (number != null && !isWhole(number)) {
      throw wrongType(key, value, "an integer"); // 12.5; 12.0 is the integer 12
    }
    if (number == null || number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new ContractViolation(ReasonCode.OUT_OF_RANGE, path(key),
          path(key) + " is " + numberText(value) + ", must be in [" + min + ", " + max + "]");
    }
    return number.longValueExact();
  }

  public long requiredLong(String key, long min, long max) throws ContractViolation {
    Long value = optionalLong(key, min, max);
    if (value == null) {
      throw missing(key);
    }
    return value;
  }

  public Double optionalDouble(String key, double min, double max) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw wrongType(key, value, "a number");
    }
    double result = value.doubleValue();
    if (!(result >= min && result <= max)) {
      throw new ContractViolation(ReasonCode.OUT_OF_RANGE, path(key),
          path(key) + " is " + value + ", must be in [" + min + ", " + max + "]");
    }
    return result;
  }

  /** A decimal, as a JSON number or a numeric string (money is often sent as a string). */
  public BigDecimal optionalDecimal(String key, int maxScale) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    BigDecimal result;
    if (value.isNumber()) {
      result = finite(value);
    } else if (value.isTextual() && DECIMAL_TEXT.matcher(value.textValue()).matches()) {
      result = decimal(value.textValue());
    } else {
      throw wrongType(key, value, "a decimal number");
    }
    result = result == null ? null : result.stripTrailingZeros();
    if (result == null || result.scale() > maxScale || result.precision() - result.scale() > 29) {
      throw new ContractViolation(ReasonCode.OUT_OF_RANGE, path(key),
          path(key) + " is " + numberText(value) + ": more than 29 integer or " + maxScale + " fraction digits");
    }
    return result.setScale(maxScale);
  }

  /** The value of decimal text, or null when it is too long to be in any range. */
  private static BigDecimal decimal(String text) {
    return text.length() <= MAX_NUMBER_CHARS ? new BigDecimal(text) : null;
  }

  /**
   * A JSON number's exact value, or null for a literal beyond a double's range: Jackson reads one
   * (1e400) as an infinite double even when asked for BigDecimals, and it has no decimal value.
   */
  private static BigDecimal finite(JsonNode number) {
    return (number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue()) ? null : number.decimalValue();
  }

  /** Whether a value is an integer; the cheap tests first, as 1E-999999999 is a valid BigDecimal. */
  private static boolean isWhole(BigDecimal number) {
    return number.signum() == 0 || number.scale() <= 0
        || number.precision() > number.scale() && number.stripTrailingZeros().scale() <= 0;
  }

  /** A number as the message shows it: its text, cut short, or "beyond ..." for one read as infinite. */
  private static String numberText(JsonNode value) {
    if (value.isNumber() && finite(value) == null) {
      return "a number beyond the double range";
    }
    return SecretScrubber.forMessage(value.isTextual() ? value.textValue() : value.toString());
  }

  public Boolean optionalBoolean(String key) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(key, value, "true or false");
    }
    return value.booleanValue();
  }

  public boolean requiredBoolean(String key) throws ContractViolation {
    Boolean value = optionalBoolean(key);
    if (value == null) {
      throw missing(key);
    }
    return value;
  }

  // ---------------------------------------------------------------- times

  public Instant optionalTime(String key) throws ContractViolation {
    String value = optionalTimeText(key);
    return value == null ? null : parseTime(path(key), value);
  }

  public Instant requiredTime(String key) throws ContractViolation {
    Instant value = optionalTime(key);
    if (value == null) {
      throw missing(key);
    }
    return value;
  }

  private String optionalTimeText(String key) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(key, value, "an RFC 3339 timestamp string");
    }
    return value.textValue();
  }

  /**
   * RFC 3339 (offset required) to a UTC instant truncated to microseconds. The year has four digits,
   * as RFC 3339 section 5.6 writes it: Java's ISO parser would also take a signed year of up to nine
   * digits, whose instant does not fit the microseconds of an Iceberg timestamp.
   */
  public static Instant parseTime(String path, String text) throws ContractViolation {
    Instant common = Rfc3339.parseCommonForm(text);
    if (common != null) {
      return common;
    }
    if (!hasFourDigitYear(text)) {
      throw notATimestamp(path, text);
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeException e) {
      throw notATimestamp(path, text);
    }
  }

  private static ContractViolation notATimestamp(String path, String text) {
    return new ContractViolation(ReasonCode.INVALID_TIMESTAMP, path,
        path + " is \"" + SecretScrubber.forMessage(text) + "\", not an RFC 3339 timestamp with offset (e.g. 2026-05-07T09:43:25Z)");
  }

  public LocalDate optionalDate(String key) throws ContractViolation {
    String value = optionalTimeText(key);
    if (value == null) {
      return null;
    }
    if (!hasFourDigitYear(value)) {
      throw notADate(key, value);
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeException e) {
      throw notADate(key, value);
    }
  }

  private ContractViolation notADate(String key, String value) {
    return new ContractViolation(ReasonCode.INVALID_TIMESTAMP, path(key),
        path(key) + " is \"" + SecretScrubber.forMessage(value) + "\", not a date (yyyy-mm-dd)");
  }

  /** Starts {@code yyyy-}: RFC 3339's date-fullyear, which also keeps a date within an Iceberg date's int days. */
  private static boolean hasFourDigitYear(String text) {
    if (text.length() < 5 || text.charAt(4) != '-') {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- nested objects and lists

  public JsonObjectReader optionalObject(String key) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw wrongType(key, value, "an object");
    }
    return new JsonObjectReader((ObjectNode) value, path(key), tree, redacted);
  }

  public JsonObjectReader requiredObject(String key) throws ContractViolation {
    JsonObjectReader value = optionalObject(key);
    if (value == null) {
      throw missing(key);
    }
    return value;
  }

  public List<String> optionalStringList(String key) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw wrongType(key, value, "a list of strings");
    }
    List<String> result = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(key, value, "a list of strings");
      }
      result.add(item.textValue());
    }
    return result;
  }

  /** Reads one element of an object list; the element reader's path is {@code key[i]}. */
  @FunctionalInterface
  public interface ElementReader<T> {
    T read(JsonObjectReader element) throws ContractViolation;
  }

  /** An optional list of objects; element paths read {@code key[i]}. */
  public <T> List<T> optionalObjectList(String key, ElementReader<T> reader) throws ContractViolation {
    JsonNode value = get(key);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw wrongType(key, value, "a list of objects");
    }
    List<T> result = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode item : value) {
      String itemPath = path(key) + "[" + i++ + "]";
      if (!item.isObject()) {
        throw new ContractViolation(ReasonCode.WRONG_TYPE, itemPath, itemPath + " must be an object, got " + describe(item));
      }
      result.add(reader.read(new JsonObjectReader((ObjectNode) item, itemPath, tree, redacted)));
    }
    return result;
  }

  /**
   * Adds every key never read, in this object and every object opened under the same root, to
   * {@code extras}, keyed by its dotted path, valued by its canonical JSON text ({@link CanonicalJson})
   * with secrets replaced: the whole value when the key names a secret ({@link SecretScrubber}).
   */
  public void collectExtras(Map<String, String> extras) {
    for (JsonObjectReader reader : tree) {
      reader.collectOwnExtras(extras);
    }
  }

  private void collectOwnExtras(Map<String, String> extras) {
    if (presentRead == node.size()) {
      return; // every key was read (each key is read once)
    }
    Set<String> seen = new HashSet<>(java.util.Arrays.asList(read).subList(0, readCount));
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!seen.contains(field.getKey())) {
        JsonNode value = SecretScrubber.scrub(field.getKey(), field.getValue(), redacted);
        extras.put(path(field.getKey()), CanonicalJson.write(value));
      }
    }
  }

  /** An optional minus sign and at least one digit, nothing else (how JSON mappings write int64 as text). */
  public static boolean isDecimalInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
