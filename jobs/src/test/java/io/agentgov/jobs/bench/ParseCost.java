package io.agentgov.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.contract.Redactions;
import io.agentgov.contract.event.AuditEvent;
import io.agentgov.contract.event.EventValidator;
import io.agentgov.jobs.ingest.EventRows;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Where a record's time goes on one core: read, parse, validate, row, hash. Run by hand: java ParseCost FILE.jsonl.gz DAY */
public final class ParseCost {
  public static void main(String[] args) throws Exception {
    List<byte[]> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(args[0])), StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        lines.add(l.getBytes(StandardCharsets.UTF_8));
      }
    }
    EventValidator validator = new EventValidator(LocalDate.parse(args[1]));
    EventRows.Lineage lineage = new EventRows.Lineage("jsonl", "f", 1, LocalDate.parse(args[1]), "run", Instant.now());
    for (int round = 0; round < 3; round++) {
      long parse = 0, validate = 0, row = 0;
      int ok = 0;
      for (byte[] line : lines) {
        long t0 = System.nanoTime();
        JsonNode json;
        try {
          json = io.agentgov.jobs.ingest.EventFileReaderAccess.parse(line);
        } catch (Exception e) {
          continue;
        }
        long t1 = System.nanoTime();
        AuditEvent e;
        try {
          e = validator.validate(json, new Redactions());
        } catch (Exception x) {
          continue;
        }
        long t2 = System.nanoTime();
        EventRows.toRow(e, lineage);
        long t3 = System.nanoTime();
        parse += t1 - t0;
        validate += t2 - t1;
        row += t3 - t2;
        ok++;
      }
      System.out.printf("%d records: parse %.2f us, validate %.2f us, row+hash %.2f us per record%n", ok,
          parse / 1e3 / ok, validate / 1e3 / ok, row / 1e3 / ok);
    }
  }
}
