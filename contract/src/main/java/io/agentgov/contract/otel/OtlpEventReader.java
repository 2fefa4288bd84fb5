package io.agentgov.contract.otel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.contract.ContractViolation;
import io.agentgov.contract.ReasonCode;
import io.agentgov.contract.SecretScrubber;
import java.io.CharConversionException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams one OTLP/JSON trace export file ({@code otel/<day>/*.json}, input contract v1 §2) and
 * yields one {@link Item} per span: an {@link Kind#EVENT} carrying the span mapped to the JSON of a
 * §1 audit event, a {@link Kind#NOT_AN_EVENT} (a span that is not an agent action: counted, not
 * quarantined), or a {@link Kind#REJECTED} span that cannot be mapped at all. Contract rules are not
 * checked here: ingest runs the same {@code EventValidator} over mapped spans and JSON Lines events.
 *
 * <p>The file is parsed as a stream, one span at a time, never as a whole document. It may hold one
 * export object or several, concatenated or one per line (the OTel Collector file exporter writes
 * one {@code ExportTraceServiceRequest} a line).
 *
 * <p>Delegation needs other spans: an {@code invoke_agent} span names the agent of its nearest
 * ancestor with an agent. Every span read is indexed (trace and span id to agent and parent, a few
 * bytes each). Exporters write a parent after its children, so an {@code invoke_agent} item whose
 * ancestor has not been read yet is held back and handed out as soon as it has (or at the end of the
 * file): items come in file order except these. The file is read a second time, once, with a light
 * first pass over ids and agents only, when more than {@value #MAX_WAITING} items would wait, or
 * when a resource's attributes come after its spans.
 *
 * <p>Field mapping: docs/contract.md, "OTel spans"; OTLP/JSON encoding:
 * https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding.
 */
public final class OtlpEventReader implements Closeable {
  /** Opens the file's bytes; called once per pass. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  public enum Kind { EVENT, NOT_AN_EVENT, REJECTED }

  /**
   * One span (or, for a structural error, one part of the file).
   *
   * @param event      the §1-shaped event for {@link Kind#EVENT}, else null
   * @param line       1-based line where the span object starts (for a JSON syntax error: where it was found)
   * @param ref        position in the document, e.g. {@code resourceSpans[0].scopeSpans[1].spans[7]};
   *                   prefixed with {@code [k].} from the second export object of a file on
   * @param spanId     the span id (lower-case hex when valid, else as written), null when unknown
   * @param rawText    the span's JSON as written, on one line (line breaks and indentation outside strings
   *                   removed); for a structural error the offending line (at most 64 KiB and one character); null for
   *                   {@link Kind#NOT_AN_EVENT}
   * @param violation  why a {@link Kind#REJECTED} item was rejected, else null
   */
  public record Item(Kind kind, ObjectNode event, long line, String ref, String spanId, String rawText,
                     ContractViolation violation) {}

  /** Values of {@code gen_ai.operation.name} that make a span an event (an agent action). */
  public static final List<String> EVENT_OPERATIONS = List.of("execute_tool", "invoke_agent");

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // amounts keep their digits
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // and their written form
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // messages name the file themselves
      .build();

  private static final int RAW_LINE_LIMIT = 64 * 1024;
  private static final int MAX_ANCESTORS = 10_000;
  /** invoke_agent items held back for an ancestor further on, beyond which the file is read twice instead. */
  static final int MAX_WAITING = 10_000;

  private enum State { TOP, DOCUMENT, RESOURCE_SPANS, RESOURCE, SCOPE_SPANS, SCOPE, SPANS, DONE }

  private final Source source;
  private final String fileName;
  private final RawCapture capture;
  private final JsonParser parser;
  private State state = State.TOP;
  /** Byte offsets of the current span in the input, for its raw text; -1 when not captured. */
  private long spanStart = -1;
  private long spanEnd = -1;

  private int document = -1;
  private long documentLine;
  private boolean sawResourceSpans;
  private int resourceIndex;
  private int resourceOrdinal = -1;
  private int scopeIndex;
  private int spanIndex;
  private Resource resource = Resource.NONE;
  private boolean resourceRead;

  private SpanIndex spans = new SpanIndex();
  private Prescan prescan;
  /** No span will be added to {@link #spans} any more: the end or a fatal error was reached, or the first pass ran. */
  private boolean complete;
  /** invoke_agent items waiting for an ancestor span not read yet, by that span's key. */
  private final Map<Long, List<Waiting>> waiting = new HashMap<>();
  private int waitingCount;
  /** Items to hand out before reading on: resolved waiting items, then a final rejection. */
  private final ArrayDeque<Item> ready = new ArrayDeque<>();

  /** An invoke_agent item and where its walk up the ancestors starts: its parent span's key. */
  private record Waiting(Item item, String actingAgent, long from) {}

  private OtlpEventReader(Source source, String fileName) throws IOException {
    this.source = source;
    this.fileName = fileName;
    this.capture = new RawCapture(source.open());
    this.parser = JSON.createParser(capture);
  }

  /**
   * Opens the file; {@code source} may be opened again: once for a light first pass (the agent and
   * parent of every span), and once to quote the offending line of a structural error.
   */
  public static OtlpEventReader open(Source source, String fileName) throws IOException {
    return new OtlpEventReader(source, fileName);
  }

  /**
   * The next item, or null at the end. A structural error (not JSON, not OTLP) is returned as one
   * REJECTED item, after which next() returns null. An element inside the document that is not an
   * object (a resourceSpans, scopeSpans or span entry) is one REJECTED item, and reading goes on.
   *
   * @throws IOException when the bytes cannot be read (ingest reports a corrupt file)
   */
  public Item next() throws IOException {
    if (!ready.isEmpty()) {
      return ready.poll();
    }
    if (state == State.DONE) {
      return null;
    }
    try {
      while (true) {
        switch (state) {
          case TOP -> {
            JsonToken token = parser.nextToken();
            if (token == null) {
              state = State.DONE;
              releaseWaiting();
              return ready.poll();
            }
            document++;
            documentLine = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
              return fatal(ReasonCode.INVALID_OTLP, documentLine, documentRef(),
                  "the document is a JSON " + AnyValues.kind(tree(parser)) + ", not an OTLP export object");
            }
            sawResourceSpans = false;
            state = State.DOCUMENT;
          }
          case DOCUMENT -> {
            if (parser.nextToken() == JsonToken.END_OBJECT) {
              if (!sawResourceSpans) {
                return fatal(ReasonCode.INVALID_OTLP, documentLine, documentRef(),
                    "the document has no resourceSpans array: not an OTLP/JSON trace export");
              }
              state = State.TOP;
              continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("resourceSpans") || name.equals("resource_spans")) {
              if (value != JsonToken.START_ARRAY) {
                return fatal(ReasonCode.INVALID_OTLP, parser.currentTokenLocation().getLineNr(), documentRef(),
                    "resourceSpans is a " + AnyValues.kind(tree(parser)) + ", not an array");
              }
              sawResourceSpans = true;
              resourceIndex = -1;
              state = State.RESOURCE_SPANS;
            } else {
              parser.skipChildren();
            }
          }
          case RESOURCE_SPANS -> {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
              state = State.DOCUMENT;
              continue;
            }
            resourceIndex++;
            resourceOrdinal++;
            if (token != JsonToken.START_OBJECT) {
              return rejectElement(resourceRef(), "a resourceSpans entry");
            }
            resource = Resource.NONE;
            resourceRead = false;
            state = State.RESOURCE;
          }
          case RESOURCE -> {
            if (parser.nextToken() == JsonToken.END_OBJECT) {
              state = State.RESOURCE_SPANS;
              continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("resource")) {
              resource = Resource.read(tree(parser), where(resourceRef(), parser.currentLocation().getLineNr()));
              resourceRead = true;
            } else if (name.equals("scopeSpans") || name.equals("scope_spans")) {
              if (value == JsonToken.START_ARRAY) {
                if (!resourceRead) {
                  // the resource comes after its spans, or not at all: the first pass has read it
                  resource = prescan().lateResources.getOrDefault(resourceOrdinal, Resource.NONE);
                  resourceRead = true;
                }
                scopeIndex = -1;
                state = State.SCOPE_SPANS;
              } else if (value != JsonToken.VALUE_NULL) {
                return rejectElement(resourceRef() + ".scopeSpans", "scopeSpans (not an array)");
              }
            } else {
              parser.skipChildren();
            }
          }
          case SCOPE_SPANS -> {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
              state = State.RESOURCE;
              continue;
            }
            scopeIndex++;
            if (token != JsonToken.START_OBJECT) {
              return rejectElement(scopeRef(), "a scopeSpans entry");
            }
            state = State.SCOPE;
          }
          case SCOPE -> {
            if (parser.nextToken() == JsonToken.END_OBJECT) {
              state = State.SCOPE_SPANS;
              continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("spans")) {
              if (value == JsonToken.START_ARRAY) {
                spanIndex = -1;
                state = State.SPANS;
              } else if (value != JsonToken.VALUE_NULL) {
                return rejectElement(scopeRef() + ".spans", "spans (not an array)");
              }
            } else {
              parser.skipChildren();
            }
          }
          case SPANS -> {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
              state = State.SCOPE;
              continue;
            }
            spanIndex++;
            long line = parser.currentTokenLocation().getLineNr();
            long start = parser.currentTokenLocation().getByteOffset(); // -1 for a UTF-16 or UTF-32 file
            spanStart = start >= 0 && capture.retainFrom(start) ? start : -1;
            Item item;
            try {
              JsonNode span = tree(parser);
              spanEnd = parser.currentLocation().getByteOffset();
              item = span(span, line, scopeRef() + ".spans[" + spanIndex + "]");
            } finally {
              capture.release();
              spanStart = -1;
            }
            if (item != null) {
              return item;
            }
            if (!ready.isEmpty()) {
              return ready.poll();
            }
          }
          default -> {
            return null;
          }
        }
      }
    } catch (JsonProcessingException | CharConversionException e) {
      long line = e instanceof JsonProcessingException j && j.getLocation() != null
          ? j.getLocation().getLineNr() : parser.currentLocation().getLineNr();
      String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      return fatal(ReasonCode.INVALID_JSON, line, null, "not valid JSON at line " + line + ": " + firstLine(detail));
    }
  }

  // ---------------------------------------------------------------- one span

  private Item span(JsonNode span, long line, String ref) throws IOException {
    String where = where(ref, line);
    if (!span.isObject()) {
      return rejected(line, ref, null, span, new ContractViolation(ReasonCode.INVALID_OTLP, null,
          "Cannot map " + where + ": the span is a JSON " + AnyValues.kind(span) + ", not an object"));
    }
    JsonNode attributes = span.get("attributes");
    String rawSpanId = text(AnyValues.first(span, "spanId", "span_id"));
    if (attributes != null && !attributes.isNull() && !attributes.isArray() && !attributes.isObject()) {
      return rejected(line, ref, rawSpanId, span, new ContractViolation(ReasonCode.INVALID_OTLP, "attributes",
          "Cannot map " + where + ": attributes is a " + AnyValues.kind(attributes) + ", not a list of {key, value}"));
    }
    String[] found = AnyValues.findTexts(attributes, "gen_ai.operation.name", "gen_ai.agent.id");
    String operation = found[0];
    String traceId = SpanMapper.normalizeId(text(AnyValues.first(span, "traceId", "trace_id")), 16);
    String spanId = SpanMapper.normalizeId(rawSpanId, 8);
    String rawParent = text(AnyValues.first(span, "parentSpanId", "parent_span_id"));
    String parentSpanId = SpanMapper.normalizeId(rawParent, 8);
    if (prescan == null && traceId != null && spanId != null) {
      String agent = found[1];
      long key = SpanIndex.key(traceId, spanId);
      spans.put(key, spans.agentRef(agent != null ? agent : resource.agentId),
          parentSpanId == null ? 0 : SpanIndex.key(traceId, parentSpanId));
      wake(key);
    }
    String shownSpanId = spanId != null ? spanId : rawSpanId;
    if (operation == null || !EVENT_OPERATIONS.contains(operation)) {
      return new Item(Kind.NOT_AN_EVENT, null, line, ref, shownSpanId, null, null);
    }
    try {
      if (traceId == null) {
        throw badId(where, "traceId", AnyValues.first(span, "traceId", "trace_id"), 16);
      }
      if (spanId == null) {
        throw badId(where, "spanId", AnyValues.first(span, "spanId", "span_id"), 8);
      }
      if (parentSpanId == null && rawParent != null && !rawParent.isEmpty() && !SpanMapper.isZeroId(rawParent, 8)) {
        throw badId(where, "parentSpanId", AnyValues.first(span, "parentSpanId", "parent_span_id"), 8);
      }
      long start = SpanMapper.nanos(AnyValues.first(span, "startTimeUnixNano", "start_time_unix_nano"), "startTimeUnixNano", where);
      long end = SpanMapper.nanos(AnyValues.first(span, "endTimeUnixNano", "end_time_unix_nano"), "endTimeUnixNano", where);
      if (resource.violation != null) {
        throw resource.violation;
      }
      JsonNode status = span.get("status");
      JsonNode code = status == null ? null : status.get("code");
      String message = status == null ? null : text(status.get("message"));
      SpanMapper.SpanFacts facts = new SpanMapper.SpanFacts(traceId, spanId, parentSpanId, start, end,
          SpanMapper.isError(code), message, operation.equals("invoke_agent"));
      ObjectNode event = SpanMapper.map(facts, AnyValues.read(attributes, where), resource.attributes, JSON);
      Item item = new Item(Kind.EVENT, event, line, ref, spanId, rawText(span), null);
      if (!SpanMapper.needsDelegation(facts, event)) {
        return item;
      }
      return delegate(new Waiting(item, SpanMapper.actingAgent(event), SpanIndex.key(traceId, parentSpanId)));
    } catch (ContractViolation violation) {
      return rejected(line, ref, shownSpanId, span, violation);
    }
  }

  private static ContractViolation badId(String where, String field, JsonNode value, int bytes) {
    String shown = value == null || value.isNull() ? "absent" : "\"" + SecretScrubber.forMessage(value.asText()) + "\"";
    return new ContractViolation(ReasonCode.INVALID_ID, field, "Cannot map " + where + ": " + field + " is " + shown
        + ", must be " + bytes * 2 + " hex digits (or base64 of " + bytes + " bytes), not all zero");
  }

  private Item rejected(long line, String ref, String spanId, JsonNode span, ContractViolation violation) throws IOException {
    return new Item(Kind.REJECTED, null, line, ref, spanId, rawText(span), violation);
  }

  /** The span's compact JSON: cut from the input bytes when captured, else written from its tree. */
  private String rawText(JsonNode span) throws IOException {
    String text = spanStart >= 0 ? capture.compactText(spanStart, spanEnd) : null;
    return text != null ? text : JSON.writeValueAsString(span);
  }

  /** An entry of a list inside the document that is not an object: rejected, then reading goes on. */
  private Item rejectElement(String ref, String what) throws IOException {
    long line = parser.currentTokenLocation().getLineNr();
    JsonNode value = tree(parser);
    return rejected(line, ref, null, value, new ContractViolation(ReasonCode.INVALID_OTLP, null,
        "Cannot read " + where(ref, line) + ": " + what + " is a JSON " + AnyValues.kind(value) + ", not an object"));
  }

  /** A structural error ends the file: waiting items are handed out first, then the rejection. */
  private Item fatal(ReasonCode reason, long line, String ref, String message) throws IOException {
    state = State.DONE;
    releaseWaiting();
    ready.add(new Item(Kind.REJECTED, null, line, ref, null, rawLine(line),
        new ContractViolation(reason, null, "Cannot read OTLP file " + fileName + ": " + message)));
    return ready.poll();
  }

  // ---------------------------------------------------------------- delegation

  /**
   * Completes an invoke_agent item with its delegating agent, or holds it back (returning null)
   * until the ancestor it needs has been read. Exporters write a parent after its children, so
   * ancestors usually follow shortly; past {@link #MAX_WAITING} held items the file is read a
   * second time instead.
   */
  private Item delegate(Waiting item) throws IOException {
    long missing = walk(item.from, item.actingAgent, null);
    if (missing == 0) {
      return resolved(item);
    }
    waiting.computeIfAbsent(missing, k -> new ArrayList<>(1)).add(item);
    if (++waitingCount > MAX_WAITING) {
      prescan();
    }
    return null;
  }

  /** A span was read: the items waiting for it walk on, and are ready once their chain is known. */
  private void wake(long key) {
    if (waiting.isEmpty()) {
      return;
    }
    List<Waiting> woken = waiting.remove(key);
    if (woken == null) {
      return;
    }
    waitingCount -= woken.size();
    for (Waiting item : woken) {
      long missing = walk(item.from, item.actingAgent, null);
      if (missing == 0) {
        ready.add(resolved(item));
      } else {
        waiting.computeIfAbsent(missing, k -> new ArrayList<>(1)).add(item);
        waitingCount++;
      }
    }
  }

  /** No more spans will be read (or the first pass ran): every waiting item is resolved with what is known, in file order. */
  private void releaseWaiting() {
    complete = true;
    if (waiting.isEmpty()) {
      return;
    }
    List<Waiting> all = new ArrayList<>(waitingCount);
    waiting.values().forEach(all::addAll);
    waiting.clear();
    waitingCount = 0;
    all.sort(java.util.Comparator.comparingLong(w -> w.item.line()));
    for (Waiting item : all) {
      ready.add(resolved(item));
    }
  }

  private Item resolved(Waiting waiting) {
    SpanMapper.Parent[] parent = new SpanMapper.Parent[1];
    walk(waiting.from, waiting.actingAgent, parent);
    Item item = waiting.item;
    return new Item(item.kind(), SpanMapper.withDelegation(item.event(), parent[0]), item.line(), item.ref(), item.spanId(),
        item.rawText(), null);
  }

  /**
   * Walks the ancestors of an invoke_agent span from its parent ({@code from}). The delegating
   * agent is the agent of the nearest ancestor that has one (spans without an agent, e.g. HTTP
   * spans, are passed over), when it is another agent; the depth is the number of agent changes up
   * to the root, known only when the chain reaches a root inside the file.
   *
   * @param result where to put the answer (null when there is none); null to only look for a gap
   * @return the key of the first ancestor not read yet, or 0 when the answer is known
   */
  private long walk(long from, String actingAgent, SpanMapper.Parent[] result) {
    String parentAgent = null;
    String last = actingAgent;
    int depth = 0;
    long current = from;
    for (int steps = 0; steps < MAX_ANCESTORS; steps++) {
      if (current == 0) {
        if (result != null && parentAgent != null) {
          result[0] = new SpanMapper.Parent(parentAgent, depth);
        }
        return 0;
      }
      int slot = spans.find(current);
      if (slot < 0) {
        if (!complete) {
          return current;
        }
        break; // the ancestor is not in this file
      }
      String agent = spans.agentAt(slot);
      if (agent != null) {
        if (parentAgent == null) {
          if (agent.equals(actingAgent)) {
            return 0; // the parent span is the same agent's: no delegation
          }
          parentAgent = agent;
        }
        if (!agent.equals(last)) {
          depth++;
          last = agent;
        }
      }
      current = spans.parentAt(slot);
    }
    if (result != null && parentAgent != null) {
      result[0] = new SpanMapper.Parent(parentAgent, null);
    }
    return 0;
  }

  /** Reads the whole file once more for every span's agent and parent, and every resource that comes after its spans. */
  private Prescan prescan() throws IOException {
    if (prescan == null) {
      try (InputStream in = source.open(); JsonParser p = JSON.createParser(in)) {
        prescan = Prescan.run(p);
      }
      spans = prescan.index;
      releaseWaiting();
    }
    return prescan;
  }

  // ---------------------------------------------------------------- resources and the first pass

  /** A resource's attributes, its agent, and the violation its attributes raise, if any. */
  private record Resource(AnyValues.Attributes attributes, String agentId, ContractViolation violation) {
    static final Resource NONE = new Resource(AnyValues.Attributes.EMPTY, null, null);

    static Resource read(JsonNode resource, String where) {
      if (resource == null || !resource.isObject()) {
        return NONE;
      }
      try {
        AnyValues.Attributes attributes = AnyValues.read(resource.get("attributes"), "resource of " + where);
        return new Resource(attributes, attributes.text("gen_ai.agent.id"), null);
      } catch (ContractViolation violation) {
        return new Resource(AnyValues.Attributes.EMPTY, null, violation);
      }
    }
  }

  /**
   * The light first pass: every span's agent and parent, and the resources that come after their
   * spans. Stops quietly at a syntax error; the main pass reports it where it is.
   */
  private static final class Prescan {
    final SpanIndex index = new SpanIndex();
    final Map<Integer, Resource> lateResources = new HashMap<>();
    final List<String> resourceAgents = new ArrayList<>();

    static Prescan run(JsonParser p) throws IOException {
      Prescan result = new Prescan();
      try {
        result.documents(p);
      } catch (JsonProcessingException | CharConversionException stop) {
        // reported by the main pass
      }
      result.index.resolveDeferred(result.resourceAgents);
      return result;
    }

    private void documents(JsonParser p) throws IOException {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token != JsonToken.START_OBJECT) {
          return; // the main pass stops here too
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if ((name.equals("resourceSpans") || name.equals("resource_spans")) && value == JsonToken.START_ARRAY) {
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
              int ordinal = resourceAgents.size();
              resourceAgents.add(null);
              if (token == JsonToken.START_OBJECT) {
                resourceSpans(p, ordinal);
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
      }
    }

    private void resourceSpans(JsonParser p, int ordinal) throws IOException {
      boolean resourceFirst = false;
      boolean spansSeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("resource")) {
          Resource resource = Resource.read(tree(p), "resourceSpans entry " + ordinal);
          resourceAgents.set(ordinal, resource.agentId);
          resourceFirst = !spansSeen;
          if (!resourceFirst) {
            lateResources.put(ordinal, resource);
          }
        } else if ((name.equals("scopeSpans") || name.equals("scope_spans")) && value == JsonToken.START_ARRAY) {
          spansSeen = true;
          JsonToken token;
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
              scopeSpans(p, ordinal);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }

    private void scopeSpans(JsonParser p, int ordinal) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("spans") && value == JsonToken.START_ARRAY) {
          JsonToken token;
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT) {
              span(p, ordinal);
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }

    /** Reads a span's ids and agent only, skipping everything else. */
    private void span(JsonParser p, int ordinal) throws IOException {
      String traceId = null;
      String spanId = null;
      String parentSpanId = null;
      String agent = null;
      String name;
      while ((name = p.nextFieldName()) != null) {
        switch (name) {
          case "traceId", "trace_id" -> traceId = textOrSkip(p);
          case "spanId", "span_id" -> spanId = textOrSkip(p);
          case "parentSpanId", "parent_span_id" -> parentSpanId = textOrSkip(p);
          case "attributes" -> {
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_ARRAY) {
              String found = agentAttribute(p);
              agent = found != null ? found : agent;
            } else if (value == JsonToken.START_OBJECT) {
              agent = AnyValues.findText(tree(p), "gen_ai.agent.id");
            } else {
              p.skipChildren();
            }
          }
          default -> {
            p.nextToken();
            p.skipChildren();
          }
        }
      }
      traceId = SpanMapper.normalizeId(traceId, 16);
      spanId = SpanMapper.normalizeId(spanId, 8);
      parentSpanId = SpanMapper.normalizeId(parentSpanId, 8);
      if (traceId != null && spanId != null) {
        index.put(SpanIndex.key(traceId, spanId), agent != null ? index.agentRef(agent) : -ordinal - 1,
            parentSpanId == null ? 0 : SpanIndex.key(traceId, parentSpanId));
      }
    }

    /** The string value of {@code gen_ai.agent.id} in an attribute list (parser on its START_ARRAY). */
    private static String agentAttribute(JsonParser p) throws IOException {
      String agent = null;
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          p.skipChildren();
          continue;
        }
        String key = null;
        JsonNode value = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
          if (name.equals("key")) {
            key = textOrSkip(p);
          } else if (name.equals("value") && (key == null || key.equals("gen_ai.agent.id"))) {
            p.nextToken();
            value = tree(p); // only this attribute's value is built
          } else {
            p.nextToken();
            p.skipChildren();
          }
        }
        if ("gen_ai.agent.id".equals(key) && value != null) {
          JsonNode text = value.isObject() ? AnyValues.first(value, "stringValue", "string_value") : value;
          agent = text != null && text.isTextual() ? text.textValue() : agent;
        }
      }
      return agent;
    }

    /** The next value's text if it is a string; anything else is skipped. */
    private static String textOrSkip(JsonParser p) throws IOException {
      String text = p.nextTextValue();
      if (text == null) {
        p.skipChildren();
      }
      return text;
    }
  }

  // ---------------------------------------------------------------- names and raw text

  /**
   * The OTel attribute (or span field) that carries a contract field path, for error messages:
   * {@code credential.id} → {@code agentgov.credential.id}, {@code agent_id} → {@code gen_ai.agent.id},
   * {@code trace.trace_id} → {@code traceId}. Null for null.
   */
  public static String attributeFor(String contractPath) {
    if (contractPath == null) {
      return null;
    }
    String base = contractPath;
    String suffix = "";
    int bracket = contractPath.indexOf('[');
    if (bracket >= 0) {
      base = contractPath.substring(0, bracket);
      suffix = contractPath.substring(bracket);
    }
    if (base.startsWith(SpanMapper.OTEL_ATTRIBUTES + ".")) {
      return base.substring(SpanMapper.OTEL_ATTRIBUTES.length() + 1) + suffix;
    }
    String source = SPAN_SOURCES.get(base);
    if (source != null) {
      return source + suffix;
    }
    for (SpanMapper.Known known : SpanMapper.Known.values()) {
      if (String.join(".", known.path).equals(base)) {
        return known.key + suffix;
      }
    }
    return SpanMapper.PREFIX + base + suffix;
  }

  /** Fields filled from the span itself when no agentgov.* attribute sets them (docs/contract.md). */
  private static final Map<String, String> SPAN_SOURCES = Map.of(
      "event_time", "startTimeUnixNano",
      "trace.trace_id", "traceId",
      "trace.span_id", "spanId",
      "trace.parent_span_id", "parentSpanId",
      "delegation.parent_agent_id", "agentgov.delegation.parent_agent_id or the parent span's gen_ai.agent.id",
      "usage.latency_ms", "agentgov.usage.latency_ms or endTimeUnixNano - startTimeUnixNano",
      "outcome.status", "agentgov.outcome.status or status.code",
      "outcome.executed_at", "agentgov.outcome.executed_at or endTimeUnixNano");

  private String documentRef() {
    return document == 0 ? null : "[" + document + "]";
  }

  private String resourceRef() {
    return (document == 0 ? "" : "[" + document + "].") + "resourceSpans[" + resourceIndex + "]";
  }

  private String scopeRef() {
    return resourceRef() + ".scopeSpans[" + scopeIndex + "]";
  }

  private String where(String ref, long line) {
    return "span " + ref + " at " + fileName + ":" + line;
  }

  /**
   * The text of a 1-based line of the file for the quarantine's raw_text: at most 64 KiB and one
   * character, so a longer line still arrives longer than the 64 KiB ingest keeps, and is marked cut.
   */
  private String rawLine(long line) throws IOException {
    try (InputStream in = source.open(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[8192];
      long current = 1;
      int n;
      while ((n = reader.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          char c = buffer[i];
          if (c == '\n') {
            if (current == line) {
              return text.toString();
            }
            current++;
          } else if (current == line && c != '\r' && text.length() <= RAW_LINE_LIMIT) {
            text.append(c);
          }
        }
      }
      return current == line ? text.toString() : null;
    } catch (IOException unreadable) {
      return null; // the raw text is a courtesy; the reason stands without it
    }
  }

  /** The value at the parser's current token as a tree (JSON null as NullNode). */
  private static JsonNode tree(JsonParser p) throws IOException {
    JsonNode value = JSON.readTree(p);
    return value == null ? NullNode.instance : value;
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  @Override
  public void close() throws IOException {
    state = State.DONE;
    parser.close();
  }
}
