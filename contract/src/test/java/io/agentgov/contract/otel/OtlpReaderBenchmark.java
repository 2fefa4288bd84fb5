package io.agentgov.contract.otel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Throughput of {@link OtlpEventReader} on a large synthetic export, written like the OTel Collector
 * file exporter (one export object a line, 500 spans each). Per trace of ten spans: six
 * {@code execute_tool} spans with the ~35 attributes a governed tool call carries, three
 * {@code chat} spans, and one {@code invoke_agent} span listed before its parent, which makes the
 * reader take its second pass. Run: {@code java -cp ... OtlpReaderBenchmark [spans [delegation]]}; without
 * delegation, position 0 is a chat span and one pass suffices.
 */
public final class OtlpReaderBenchmark {
  private OtlpReaderBenchmark() {}

  /** What one run read: items by kind, bytes, and the wall time of the best of {@code rounds}. */
  record Result(long spans, long events, long notEvents, long rejected, long bytes, double seconds) {
    double spansPerSecond() {
      return spans / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,d spans (%,d events, %,d not events, %d rejected), %.1f MB in %.2f s: %,.0f spans/s, %.0f MB/s",
          spans, events, notEvents, rejected, bytes / 1e6, seconds, spansPerSecond(), bytes / 1e6 / seconds);
    }
  }

  public static void main(String[] args) throws IOException {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    boolean delegation = args.length <= 1 || Boolean.parseBoolean(args[1]);
    Path file = Files.createTempFile("otlp-benchmark", ".json");
    try {
      write(file, spans, delegation);
      System.out.println(run(file, 3));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static Result run(Path file, int rounds) throws IOException {
    Result best = null;
    for (int round = 0; round < rounds; round++) {
      long events = 0;
      long notEvents = 0;
      long rejected = 0;
      long start = System.nanoTime();
      try (OtlpEventReader reader = OtlpEventReader.open(() -> Files.newInputStream(file), file.getFileName().toString())) {
        for (OtlpEventReader.Item item = reader.next(); item != null; item = reader.next()) {
          switch (item.kind()) {
            case EVENT -> events++;
            case NOT_AN_EVENT -> notEvents++;
            default -> rejected++;
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Result result = new Result(events + notEvents + rejected, events, notEvents, rejected, Files.size(file), seconds);
      if (best == null || result.seconds < best.seconds) {
        best = result;
      }
    }
    return best;
  }

  /** @param delegation whether each trace has an invoke_agent span listed before its parent (forcing a second pass) */
  static void write(Path file, int spans, boolean delegation) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      int written = 0;
      while (written < spans) {
        out.write("{\"resourceSpans\":[{\"resource\":{\"attributes\":[" + s("service.name", "agent-gateway") + ","
            + s("agentgov.schema_version", "1") + "]},\"scopeSpans\":[{\"scope\":{\"name\":\"gateway\"},\"spans\":[");
        int batch = Math.min(500, spans - written);
        for (int i = 0; i < batch; i++) {
          if (i > 0) {
            out.write(',');
          }
          out.write(span(written + i, delegation));
        }
        out.write("]}]}]}\n");
        written += batch;
      }
    }
  }

  /** Span {@code n}: trace n / 10; position 0 invokes an agent whose parent (position 1) follows it. */
  private static String span(int n, boolean delegation) {
    int position = n % 10;
    String traceId = String.format(Locale.ROOT, "%016x%016x", 0x5b8efff798038103L, n / 10 + 1);
    String spanId = String.format(Locale.ROOT, "%016x", n + 1L);
    String parentId = position == 1 ? "" : String.format(Locale.ROOT, "%016x", n - position + 2L);
    long start = 1_778_146_983_000_000_000L + n * 1_000_000L;
    String agent = "agt-" + (n / 10 % 50);
    StringBuilder attributes = new StringBuilder(4096);
    if (position == 0 && delegation) {
      attributes.append(s("gen_ai.operation.name", "invoke_agent")).append(',').append(s("gen_ai.agent.id", agent + "-sub"));
    } else if (position <= 3 && position > 0 || position == 0) {
      attributes.append(s("gen_ai.operation.name", "chat")).append(',').append(s("gen_ai.agent.id", agent)).append(',')
          .append(s("gen_ai.request.model", "gpt-4.1")).append(',').append(i("gen_ai.usage.input_tokens", 1800 + n % 700)).append(',')
          .append(i("gen_ai.usage.output_tokens", 40 + n % 90));
    } else {
      attributes.append(s("gen_ai.operation.name", "execute_tool")).append(',').append(s("gen_ai.agent.id", agent)).append(',')
          .append(s("gen_ai.agent.name", "Refund assistant")).append(',').append(s("gen_ai.agent.version", "4.2.0")).append(',')
          .append(s("gen_ai.tool.name", "issue_refund")).append(',').append(s("gen_ai.tool.call.id", "call_" + n)).append(',')
          .append(s("gen_ai.conversation.id", "conv-" + n / 10)).append(',').append(s("gen_ai.provider.name", "openai")).append(',')
          .append(s("gen_ai.request.model", "gpt-4.1")).append(',').append(s("gen_ai.response.model", "gpt-4.1")).append(',')
          .append(i("gen_ai.usage.input_tokens", 1800 + n % 700)).append(',').append(i("gen_ai.usage.output_tokens", 40 + n % 90)).append(',')
          .append(s("agentgov.event_id", "evt-" + n)).append(',').append(s("agentgov.credential.id", "cred-" + n % 97)).append(',')
          .append(s("agentgov.credential.kind", "ephemeral_token")).append(',').append(s("agentgov.on_behalf_of", "p-" + n % 1000)).append(',')
          .append(s("agentgov.action.type", "refund")).append(',').append(s("agentgov.action.target_system", "payments")).append(',')
          .append(s("agentgov.action.target_resource", "payments/refunds/R-" + n)).append(',')
          .append("{\"key\":\"agentgov.amount.value\",\"value\":{\"doubleValue\":").append(n % 5000).append(".25}},")
          .append(s("agentgov.amount.currency", "EUR")).append(',').append(i("agentgov.records_affected", 1)).append(',')
          .append(s("agentgov.data_sensitivity", "pii")).append(',')
          .append("{\"key\":\"agentgov.reversible\",\"value\":{\"boolValue\":true}},")
          .append("{\"key\":\"agentgov.confidence\",\"value\":{\"doubleValue\":0.93}},")
          .append(s("agentgov.input_context.digest", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).append(',')
          .append(s("agentgov.input_context.summary", "refund of an order, damaged item")).append(',')
          .append("{\"key\":\"agentgov.policy.checked\",\"value\":{\"boolValue\":true}},")
          .append(s("agentgov.policy.decision", "allow")).append(',').append(s("agentgov.policy.rule_id", "amount-500")).append(',')
          .append(s("agentgov.policy.policy_version", "2026.1")).append(',').append(i("agentgov.policy.tier", 2)).append(',')
          .append("{\"key\":\"agentgov.regulatory_scope\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"gdpr\"}]}}},")
          .append(s("agentgov.outcome.status", "success"));
    }
    return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\",\"parentSpanId\":\"" + parentId
        + "\",\"name\":\"span " + n + "\",\"kind\":1,\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\""
        + (start + 250_000_000L + n % 1000) + "\",\"attributes\":[" + attributes + "],\"status\":{\"code\":1}}";
  }

  private static String s(String key, String value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":\"" + value + "\"}}";
  }

  private static String i(String key, long value) {
    return "{\"key\":\"" + key + "\",\"value\":{\"intValue\":\"" + value + "\"}}";
  }
}
