package io.agentgov.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The content hash is SHA-256 of the canonical text docs/tables.md describes, written out here by hand. */
class EventDigestTest {
  @Test
  void hashIsSha256OfTheCanonicalText() throws Exception {
    StructType item = new StructType().add("x", DataTypes.StringType);
    StructType type = new StructType()
        .add("name", DataTypes.StringType)
        .add("extras", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        .add("day", DataTypes.DateType)
        .add("value", DataTypes.createDecimalType(38, 6))
        .add("items", DataTypes.createArrayType(item))
        .add("flag", DataTypes.BooleanType)
        .add("micros", DataTypes.LongType)
        .add("share", DataTypes.DoubleType)
        .add("missing", DataTypes.StringType)
        .add("source_file", DataTypes.StringType) // lineage: left out
        .add("event_hash", DataTypes.StringType); // lineage: left out
    InternalRow row = new GenericInternalRow(new Object[] {
        s("Zoë said \"hi\" \\ 🚀 中文"),
        ArrayBasedMapData.apply(new Object[] {s("é"), s("a"), s("Z")}, new Object[] {s("2"), s("1"), null}),
        (int) LocalDate.of(2026, 3, 3).toEpochDay(),
        Decimal.apply(new BigDecimal("1.500000")),
        new GenericArrayData(new Object[] {new GenericInternalRow(new Object[] {s("y")}), null}),
        true,
        1_772_500_000_123_456L,
        0.1,
        null,
        s("gw-000.jsonl"),
        s("ignored")});
    String text = "{name:\"Zoë said \\\"hi\\\" \\\\ 🚀 中文\",extras:{\"Z\":null,\"a\":\"1\",\"é\":\"2\"},day:2026-03-03,"
        + "value:1.500000,items:[{x:\"y\"},null],flag:true,micros:1772500000123456,share:0.1,missing:null}";
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, EventDigest.hash(row, type));
    assertEquals(expected, EventDigest.hash(row, type), "the thread's reused buffer starts clean");
  }

  private static UTF8String s(String text) {
    return UTF8String.fromString(text);
  }
}
