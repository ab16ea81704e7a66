using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Federation.Samples.Tpch.Output;

/// <summary>
/// Writes record batches of one table into Parquet files in one folder, starting a new file once
/// <c>maxRowsPerFile</c> rows are written. Each file is written under a hidden temporary name
/// (".name.inprogress", which readers that list "*.parquet" skip) and renamed when complete, so an
/// interrupted run never leaves a file that looks whole.
/// </summary>
internal sealed class ParquetFileSink : IDisposable
{
    private readonly string _datasetRoot;
    private readonly string _directory;
    private readonly TpchTable _table;
    private readonly Schema _schema;
    private readonly int _rowsPerRowGroup;
    private readonly long _maxRowsPerFile;
    private readonly Func<int, string> _fileName;
    private readonly List<TpchDataFile> _completed = [];
    private WriterProperties? _writerProperties;
    private ArrowWriterProperties? _arrowProperties;
    private FileWriter? _writer;
    private string _temporaryPath = "";
    private string _finalPath = "";
    private long _rowsInFile;
    private int _nextFileIndex;

    public ParquetFileSink(
        string datasetRoot, string directory, TpchTable table, int rowsPerRowGroup, long maxRowsPerFile, Func<int, string> fileName)
    {
        _datasetRoot = datasetRoot;
        _directory = directory;
        _table = table;
        _schema = TpchSchemas.For(table);
        _rowsPerRowGroup = rowsPerRowGroup;
        _maxRowsPerFile = maxRowsPerFile;
        _fileName = fileName;
    }

    /// <summary>Rows the current file still takes before the next one starts.</summary>
    public long RowsLeftInFile => _maxRowsPerFile - _rowsInFile;

    public void Write(RecordBatch batch)
    {
        if (batch.Length > RowsLeftInFile)
        {
            throw new InvalidOperationException($"a batch of {batch.Length} rows does not fit the {RowsLeftInFile} rows left in {_finalPath}");
        }
        _writer ??= Open();
        // Buffered writes fill row groups up to MaxRowGroupLength whatever the batch size.
        _writer.WriteBufferedRecordBatch(batch);
        _rowsInFile += batch.Length;
        if (_rowsInFile == _maxRowsPerFile)
        {
            CommitFile();
        }
    }

    /// <summary>Closes and publishes the last file; returns every file this sink wrote.</summary>
    public IReadOnlyList<TpchDataFile> Complete()
    {
        if (_writer is not null)
        {
            CommitFile();
        }
        return _completed;
    }

    public void Dispose()
    {
        if (_writer is not null)
        {
            _writer.Dispose();
            _writer = null;
            File.Delete(_temporaryPath);
        }
        _writerProperties?.Dispose();
        _arrowProperties?.Dispose();
    }

    private FileWriter Open()
    {
        Directory.CreateDirectory(_directory);
        string name = _fileName(_nextFileIndex++);
        _finalPath = Path.Combine(_directory, name);
        _temporaryPath = Path.Combine(_directory, "." + name + ".inprogress");
        _writerProperties ??= CreateWriterProperties();
        _arrowProperties ??= new ArrowWriterPropertiesBuilder().StoreSchema().Build();
        _rowsInFile = 0;
        return new FileWriter(_temporaryPath, _schema, _writerProperties, _arrowProperties);
    }

    private WriterProperties CreateWriterProperties()
    {
        using var builder = new WriterPropertiesBuilder()
            .Compression(Compression.Snappy)
            .EnableStatistics()
            .EnableWritePageIndex()
            .MaxRowGroupLength(_rowsPerRowGroup)
            // DECIMAL(15,2) fits INT64: smaller files and integer statistics, as Spark and Trino write them.
            .EnableStoreDecimalAsInteger();
        foreach (var field in _schema.FieldsList)
        {
            // Comments are nearly all distinct: a dictionary only costs time before the writer falls back to plain.
            if (field.Name.EndsWith("_comment", StringComparison.Ordinal))
            {
                builder.DisableDictionary(field.Name);
            }
        }
        return builder.Build();
    }

    private void CommitFile()
    {
        var writer = _writer!;
        writer.Close();
        writer.Dispose();
        _writer = null;
        File.Move(_temporaryPath, _finalPath, overwrite: true);
        string relativePath = Path.GetRelativePath(_datasetRoot, _finalPath).Replace(Path.DirectorySeparatorChar, '/');
        _completed.Add(new TpchDataFile(_table, relativePath, _rowsInFile, new FileInfo(_finalPath).Length));
        _rowsInFile = 0;
    }
}
