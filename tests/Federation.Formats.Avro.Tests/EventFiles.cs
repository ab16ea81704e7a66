using System.Globalization;

namespace Federation.Formats.Avro.Tests;

/// <summary>
/// A file of "event" records covering the types and logical types the reader converts, written with
/// <see cref="AvroTestWriter"/>; every value is a function of the record's id, so tests know each one.
/// </summary>
public static class EventFiles
{
    public const string Schema = """
        {"type": "record", "name": "Event", "namespace": "test", "fields": [
          {"name": "id", "type": "long"},
          {"name": "name", "type": ["null", "string"]},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "at", "type": [{"type": "long", "logicalType": "timestamp-millis"}, "null"]},
          {"name": "ratio", "type": "double"},
          {"name": "flag", "type": "boolean"},
          {"name": "tags", "type": {"type": "array", "items": "string"}},
          {"name": "props", "type": {"type": "map", "values": "int"}},
          {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["RED", "GREEN", "BLUE"]}},
          {"name": "key", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "clock", "type": {"type": "long", "logicalType": "time-micros"}},
          {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 2}}
        ]}
        """;

    /// <summary>The table's columns in Spectrum DDL (every field, in another order and case).</summary>
    public const string Columns =
        "(ID bigint, Name varchar(20), amount decimal(12,2), day date, at timestamp, ratio double precision, flag boolean, tags text, props text, " +
        "kind text, key text, clock text, code varbinary)";

    public static byte[] Write(int records, string codec, int recordsPerBlock)
    {
        var output = new MemoryStream();
        var writer = new AvroTestWriter(output, Schema, codec, recordsPerBlock);
        for (var id = 1; id <= records; id++)
        {
            var e = writer.Record;
            e.WriteLong(id);
            if (id % 10 == 0)
            {
                e.WriteLong(0);
            }
            else
            {
                e.WriteLong(1);
                e.WriteString(Name(id));
            }

            e.WriteDecimal(id * 125 - 5000);
            e.WriteLong(id % 366);
            if (id % 7 == 0)
            {
                e.WriteLong(1);
            }
            else
            {
                e.WriteLong(0);
                e.WriteLong(1_700_000_000_000L + (id * 1_500L));
            }

            e.WriteDouble(id / 4.0);
            e.WriteBoolean(id % 2 == 0);
            // tags: one block of id % 3 items.
            if (id % 3 > 0)
            {
                e.WriteLong(id % 3);
                for (var t = 0; t < id % 3; t++)
                {
                    e.WriteString("t" + t);
                }
            }

            e.WriteLong(0);
            e.WriteLong(1);
            e.WriteString("n");
            e.WriteLong(id);
            e.WriteLong(0);
            e.WriteLong(id % 3);
            e.WriteString(Key(id));
            e.WriteLong(id * 1_000_001L);
            e.WriteFixed([(byte)(id >> 8), (byte)id]);
            writer.EndRecord();
        }

        writer.Flush();
        return output.ToArray();
    }

    public static string Name(int id) => "name-" + id.ToString(CultureInfo.InvariantCulture);

    public static string Key(int id) => $"00000000-0000-0000-0000-{id:x12}";

    /// <summary>The row the table reads for one id, values rendered as the SQL logic tests render them.</summary>
    public static string Row(int id)
    {
        var at = id % 7 == 0 ? "NULL" : DateTime.UnixEpoch.AddMilliseconds(1_700_000_000_000L + (id * 1_500L)).ToString(
            id * 1_500L % 1000 == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFF", CultureInfo.InvariantCulture);
        var tags = "[" + string.Join(",", Enumerable.Range(0, id % 3).Select(t => $"\"t{t}\"")) + "]";
        var clock = TimeOnly.FromTimeSpan(TimeSpan.FromTicks(id * 1_000_001L * 10 % TimeSpan.TicksPerDay)).ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);
        return string.Join('|',
            id.ToString(CultureInfo.InvariantCulture),
            id % 10 == 0 ? "NULL" : Name(id),
            DecimalText(id * 125 - 5000),
            DateOnly.FromDayNumber(719_162 + (id % 366)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            at,
            (id / 4.0).ToString("R", CultureInfo.InvariantCulture),
            id % 2 == 0 ? "true" : "false",
            tags,
            $"{{\"n\":{id}}}",
            new[] { "RED", "GREEN", "BLUE" }[id % 3],
            Key(id),
            clock,
            $"\\x{(byte)(id >> 8):x2}{(byte)id:x2}");
    }

    private static string DecimalText(long cents)
    {
        var sign = cents < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs(cents);
        return $"{sign}{magnitude / 100}.{magnitude % 100:00}";
    }
}
