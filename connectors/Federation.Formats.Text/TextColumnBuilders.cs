using Apache.Arrow;
using Federation.Common.Arrow;

namespace Federation.Formats.Text;

/// <summary>
/// The string builders a record decoder (text, CSV, JSON) fills, one per projected column, batch after batch. Each
/// batch's builders start as large as the previous batch needed (its rows, each column's bytes and an eighth more),
/// since batches of one object are alike: builders that start small regrow by doubling, copying their bytes each
/// time, which profiles showed as a fifth of a JSON scan (Array.Resize and its copy).
/// </summary>
public sealed class TextColumnBuilders
{
    private const int FirstRows = 1024;

    private readonly VariableWidthBuilder[] _builders;
    private readonly int[] _lastBytes;
    private int _lastRows = FirstRows;

    public TextColumnBuilders(int count)
    {
        _builders = new VariableWidthBuilder[count];
        _lastBytes = new int[count];
        Renew();
    }

    public int Count => _builders.Length;

    public VariableWidthBuilder this[int slot] => _builders[slot];

    /// <summary>The columns built (one string array per builder), and fresh builders for the next batch.</summary>
    public IArrowArray[] Take()
    {
        var columns = new IArrowArray[_builders.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = (StringArray)_builders[i].Build();
            columns[i] = column;
            _lastBytes[i] = column.ValueOffsets[column.Length];
            _lastRows = Math.Max(column.Length, FirstRows);
        }

        Renew();
        return columns;
    }

    private void Renew()
    {
        for (var i = 0; i < _builders.Length; i++)
        {
            _builders[i] = VariableWidthBuilder.Utf8(_lastRows, _lastBytes[i] + (_lastBytes[i] / 8));
        }
    }
}
