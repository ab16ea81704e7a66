using ParquetSharp;
using ParquetSharp.Schema;

namespace Federation.Formats.Parquet.Tests;

/// <summary>
/// Writes Parquet files with an INT96 timestamp column the way Impala and Spark do (nanoseconds of the day, then the
/// Julian day number), through ParquetSharp's low-level writer: one row group per array of rows, NULL where the value is null.
/// </summary>
internal static class Int96Files
{
    /// <summary>Julian day number of 1970-01-01.</summary>
    private const int UnixEpochJulianDay = 2_440_588;

    /// <summary>The INT96 form of a wall-clock time, to the microsecond.</summary>
    public static Int96 Of(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int micros = 0)
    {
        var days = new DateOnly(year, month, day).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
        var nanos = (((hour * 3600L) + (minute * 60) + second) * 1_000_000 + micros) * 1000;
        return Raw(UnixEpochJulianDay + days, nanos);
    }

    /// <summary>An INT96 value from its parts, whatever they mean.</summary>
    public static Int96 Raw(long julianDay, long nanosOfDay) => new((int)(nanosOfDay & 0xFFFFFFFF), (int)(nanosOfDay >> 32), (int)(uint)julianDay);

    /// <summary>A file of columns id (INT32, required) and ts (INT96, optional), one row group per entry of <paramref name="rowGroups"/>.</summary>
    public static void Write(string path, params (int Id, Int96? Ts)[][] rowGroups)
    {
        var schema = new GroupNode("schema", Repetition.Required,
        [
            new PrimitiveNode("id", Repetition.Required, LogicalType.None(), PhysicalType.Int32),
            new PrimitiveNode("ts", Repetition.Optional, LogicalType.None(), PhysicalType.Int96),
        ]);
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new ParquetFileWriter(path, schema, properties);
        foreach (var rows in rowGroups)
        {
            using var rowGroup = writer.AppendRowGroup();
            using (var ids = (ColumnWriter<int>)rowGroup.NextColumn())
            {
                ids.WriteBatch(rows.Select(r => r.Id).ToArray());
            }

            using (var timestamps = (ColumnWriter<Int96>)rowGroup.NextColumn())
            {
                var levels = rows.Select(r => r.Ts is null ? (short)0 : (short)1).ToArray();
                var values = rows.Where(r => r.Ts is not null).Select(r => r.Ts!.Value).ToArray();
                timestamps.WriteBatch(rows.Length, levels, null, values);
            }
        }

        writer.Close();
    }
}
