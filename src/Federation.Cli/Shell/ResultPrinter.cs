using Apache.Arrow;

namespace Federation.Cli.Shell;

/// <summary>
/// Prints one result set: the header once, then batches as they arrive, then the footer. csv and json stream each
/// batch straight out; table keeps the rows until the end, since column widths depend on every row.
/// </summary>
public abstract class ResultPrinter
{
    protected ResultPrinter(TextWriter output)
    {
        Output = output;
    }

    protected TextWriter Output { get; }

    public static ResultPrinter Create(ResultFormat format, TextWriter output) => format switch
    {
        ResultFormat.Csv => new CsvResultPrinter(output),
        ResultFormat.Json => new JsonResultPrinter(output),
        _ => new TableResultPrinter(output),
    };

    public abstract void WriteHeader(Schema schema);

    public abstract void WriteBatch(RecordBatch batch);

    public abstract void WriteFooter(long rowCount);
}
