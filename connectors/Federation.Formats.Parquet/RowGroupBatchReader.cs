using System.Globalization;
using Apache.Arrow;
using Federation.Common;
using Federation.Common.Types;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>
/// The decoded batches of a run of row groups: the columns the Arrow reader decodes, then the INT96 timestamp
/// columns, read by <see cref="Int96TimestampReader"/> row for row beside them. It counts the rows: when the columns
/// end, they must have held exactly the rows the footer declares for those row groups. A file whose pages hold fewer
/// (or more) values than its footer says fails here, naming the object, rather than answering with rows missing.
/// </summary>
internal sealed class RowGroupBatchReader : IDisposable
{
    private readonly NativeRecordBatchStream? _stream;
    private readonly Int96TimestampReader[] _int96;
    private readonly Schema? _schema;
    private readonly IReadOnlyList<int> _rowGroups;
    private readonly long _declaredRows;
    private readonly int _batchSize;
    private readonly string _columns;
    private readonly string _path;
    private long _rows;

    /// <param name="arrowLeaves">Leaf columns the Arrow reader decodes (none: the INT96 columns alone set the batches).</param>
    /// <param name="int96Columns">INT96 columns read beside them.</param>
    /// <param name="declaredRows">The rows the footer declares for <paramref name="rowGroups"/>.</param>
    public RowGroupBatchReader(FileReader reader, ParquetFileReader parquet, int[] rowGroups, int[] arrowLeaves, IReadOnlyList<ParquetColumn> int96Columns,
        long declaredRows, int batchSize, string path)
    {
        _rowGroups = rowGroups;
        _declaredRows = declaredRows;
        _batchSize = batchSize;
        _path = path;
        _int96 = new Int96TimestampReader[int96Columns.Count];
        try
        {
            var fields = new List<Field>();
            if (arrowLeaves.Length > 0)
            {
                _stream = new NativeRecordBatchStream(reader, rowGroups, arrowLeaves);
                fields.AddRange(_stream.Schema.FieldsList);
            }

            for (var i = 0; i < _int96.Length; i++)
            {
                _int96[i] = new Int96TimestampReader(parquet, int96Columns[i].LeafIndex, rowGroups, int96Columns[i].Name, path);
                fields.Add(new Field(int96Columns[i].Name, ArrowTypes.ToArrow(SqlType.Timestamp), true));
            }

            _schema = _int96.Length == 0 ? null : new Schema(fields, null);
            _columns = (fields.Count > 1 ? "columns " : "column ") + string.Join(", ", fields.Select(f => $"\"{f.Name}\""));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>What is being read, for an error from the native reader: <c>column "a" of row group 0</c>.</summary>
    public string Reading => $"{_columns} of {(_rowGroups.Count > 1 ? "row groups " : "row group ")}{string.Join(", ", _rowGroups)}";

    /// <summary>
    /// The next batch, or null at the end. <paramref name="borrow"/>: the Arrow reader's columns stay in its memory,
    /// valid until the next call (see <see cref="NativeRecordBatchStream.NextBorrowed"/>); the INT96 columns are managed.
    /// </summary>
    public RecordBatch? Next(bool borrow)
    {
        RecordBatch? decoded = null;
        int length;
        if (_stream is not null)
        {
            decoded = borrow ? _stream.NextBorrowed() : _stream.Next();
            if (decoded is null)
            {
                End();
                return null;
            }

            length = decoded.Length;
        }
        else
        {
            length = (int)Math.Min(_batchSize, _declaredRows - _rows);
            if (length <= 0)
            {
                End();
                return null;
            }
        }

        _rows += length;
        if (_rows > _declaredRows)
        {
            throw Mismatch();
        }

        if (_schema is null)
        {
            return decoded;
        }

        var columns = new IArrowArray[_schema.FieldsList.Count];
        var c = 0;
        if (decoded is not null)
        {
            for (; c < decoded.ColumnCount; c++)
            {
                columns[c] = decoded.Column(c);
            }
        }

        foreach (var int96 in _int96)
        {
            columns[c++] = int96.Read(length);
        }

        return new RecordBatch(_schema, columns, length);
    }

    private void End()
    {
        if (_rows != _declaredRows)
        {
            throw Mismatch();
        }

        foreach (var int96 in _int96)
        {
            int96.CheckEnd();
        }
    }

    /// <summary>The columns ended before the footer's rows, or went past them: a corrupt file (a page that lies about its values).</summary>
    private FederationException Mismatch()
    {
        var held = _rows > _declaredRows ? $"more than {_declaredRows}" : _rows.ToString(CultureInfo.InvariantCulture);
        var groups = (_rowGroups.Count > 1 ? "row groups " : "row group ") + string.Join(", ", _rowGroups);
        return new FederationException(ErrorCode.CorruptObject,
            $"cannot read Parquet file {_path}: {_columns} {(_columns.StartsWith("columns ", StringComparison.Ordinal) ? "hold" : "holds")} {held} rows, but the footer declares {_declaredRows} for {groups}");
    }

    public void Dispose()
    {
        _stream?.Dispose();
        foreach (var int96 in _int96)
        {
            int96?.Dispose();
        }
    }
}
