using System.Buffers;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;
using ParquetSharp;

namespace Federation.Formats.Parquet;

/// <summary>
/// Reads one INT96 timestamp column (Impala's and Spark's legacy encoding: nanoseconds of the day in the first 8
/// bytes, the Julian day number in the last 4) straight from its pages, over a run of row groups, as TIMESTAMP
/// microseconds.
///
/// Why not the Arrow reader: it converts INT96 to nanoseconds since the epoch in an int64, which holds only
/// 1677-09-21 to 2262-04-11, and wraps silently outside it (Spark writes 9999-12-31 for "no end date"; it came back as
/// 1816-03-30). Microseconds hold every date from 4713 BC on; a day number beyond even that fails naming the value.
/// </summary>
internal sealed class Int96TimestampReader : IDisposable
{
    /// <summary>Julian day number of 1970-01-01.</summary>
    private const long UnixEpochJulianDay = 2_440_588;

    private const long NanosPerMicro = 1000;

    private readonly ParquetFileReader _parquet;
    private readonly int _leaf;
    private readonly IReadOnlyList<int> _rowGroups;
    private readonly string _column;
    private readonly string _path;

    /// <summary>Position in <see cref="_rowGroups"/> of the row group being read; its reader and what is left of it.</summary>
    private int _group = -1;
    private RowGroupReader? _rowGroup;
    private ColumnReader<Int96>? _reader;
    private long _groupRows;
    private long _rowsLeft;
    private short _maxDefinitionLevel;

    public Int96TimestampReader(ParquetFileReader parquet, int leaf, IReadOnlyList<int> rowGroups, string column, string path)
    {
        _parquet = parquet;
        _leaf = leaf;
        _rowGroups = rowGroups;
        _column = column;
        _path = path;
    }

    /// <summary>Reads the next <paramref name="rows"/> values; the row groups must hold that many more.</summary>
    public IArrowArray Read(int rows)
    {
        var micros = ArrayFactory.AllocateValues<long>(rows);
        var values = ArrayFactory.ValuesOf<long>(micros);
        byte[]? validity = null;
        var levels = ArrayPool<short>.Shared.Rent(Math.Min(rows, 64 * 1024));
        var raw = ArrayPool<Int96>.Shared.Rent(levels.Length);
        try
        {
            var done = 0;
            while (done < rows)
            {
                while (_rowsLeft == 0)
                {
                    NextRowGroup(rows - done);
                }

                var want = (int)Math.Min(Math.Min(rows - done, _rowsLeft), levels.Length);
                var read = _reader!.ReadBatch(want, _maxDefinitionLevel > 0 ? levels.AsSpan(0, want) : default, default, raw.AsSpan(0, want), out var valuesRead);
                if (read == 0)
                {
                    throw Corrupt($"row group {_rowGroups[_group]} ends after {_groupRows - _rowsLeft} of its {_groupRows} rows in column \"{_column}\"");
                }

                if (_maxDefinitionLevel == 0)
                {
                    for (var i = 0; i < read; i++)
                    {
                        values[done + i] = ToMicros(raw[i]);
                    }
                }
                else
                {
                    // Values come packed: one per level at the maximum definition level, none for a NULL.
                    var next = 0;
                    for (var i = 0; i < read; i++)
                    {
                        if (levels[i] == _maxDefinitionLevel)
                        {
                            values[done + i] = ToMicros(raw[next++]);
                        }
                        else
                        {
                            validity ??= Bitmap.AllSet(rows);
                            Bitmap.Clear(validity, done + i);
                            values[done + i] = 0;
                        }
                    }

                    if (next != valuesRead)
                    {
                        throw Corrupt($"column \"{_column}\" of row group {_rowGroups[_group]} has {valuesRead} values for {next} non-NULL levels");
                    }
                }

                done += (int)read;
                _rowsLeft -= read;
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(levels);
            ArrayPool<Int96>.Shared.Return(raw);
        }

        return ArrayFactory.Fixed(SqlType.Timestamp, micros, rows, validity);
    }

    /// <summary>After the last row: the column must hold no more values than its row groups' rows.</summary>
    public void CheckEnd()
    {
        if (_reader is not null && _reader.HasNext)
        {
            throw Corrupt($"column \"{_column}\" of row group {_rowGroups[_group]} holds more values than the row group's {_groupRows} rows");
        }
    }

    private void NextRowGroup(int wanted)
    {
        CheckEnd();
        _reader?.Dispose();
        _reader = null;
        _rowGroup?.Dispose();
        _rowGroup = null;
        if (++_group >= _rowGroups.Count)
        {
            throw Corrupt($"{wanted} more rows were asked of column \"{_column}\" than its row groups hold");
        }

        _rowGroup = _parquet.RowGroup(_rowGroups[_group]);
        var column = _rowGroup.Column(_leaf);
        if (column is not ColumnReader<Int96> typed)
        {
            column.Dispose();
            throw Corrupt($"column \"{_column}\" is not INT96 in row group {_rowGroups[_group]}");
        }

        _reader = typed;
        _maxDefinitionLevel = typed.ColumnDescriptor.MaxDefinitionLevel;
        _groupRows = _rowGroup.MetaData.NumRows;
        _rowsLeft = _groupRows;
    }

    /// <summary>Microseconds since 1970-01-01 of an INT96 timestamp, or an error naming the column and the value when it has none.</summary>
    private long ToMicros(Int96 value)
    {
        var nanosOfDay = (long)(((ulong)(uint)value.B << 32) | (uint)value.A);
        var julianDay = (long)(uint)value.C;
        try
        {
            return checked(((julianDay - UnixEpochJulianDay) * DateTimeMath.MicrosPerDay) + DateTimeMath.FloorDiv(nanosOfDay, NanosPerMicro));
        }
        catch (OverflowException)
        {
            // A valid file holding a value no TIMESTAMP can: the value's fault, not the file's.
            throw new FederationException(ErrorCode.InvalidDatetime,
                $"cannot read Parquet file {_path}: the INT96 value of column \"{_column}\" (Julian day {julianDay}, {nanosOfDay} ns into the day) is outside the TIMESTAMP range");
        }
    }

    private FederationException Corrupt(string cause) => new(ErrorCode.CorruptObject, $"cannot read Parquet file {_path}: {cause}");

    public void Dispose()
    {
        _reader?.Dispose();
        _rowGroup?.Dispose();
    }
}
