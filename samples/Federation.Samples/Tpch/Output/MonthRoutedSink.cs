using Federation.Samples.Tpch.Columns;

namespace Federation.Samples.Tpch.Output;

/// <summary>
/// Routes rows of ORDERS or LINEITEM by month: either all to one sink (no partitioning) or to one
/// sink per month of a range of months, created when the month's first row arrives.
/// </summary>
internal sealed class MonthRoutedSink<TBuilder> : IDisposable
    where TBuilder : TableBatchBuilder
{
    private readonly TableSink<TBuilder>? _single;
    private readonly TableSink<TBuilder>?[] _byMonth = [];
    private readonly Func<int, TableSink<TBuilder>>? _createForMonth;
    private readonly int _firstMonth;
    private readonly int _endMonth;

    private MonthRoutedSink(TableSink<TBuilder> single)
    {
        _single = single;
        _endMonth = int.MaxValue;
    }

    private MonthRoutedSink(int firstMonth, int endMonth, Func<int, TableSink<TBuilder>> createForMonth)
    {
        _firstMonth = firstMonth;
        _endMonth = endMonth;
        _byMonth = new TableSink<TBuilder>?[endMonth - firstMonth];
        _createForMonth = createForMonth;
    }

    public static MonthRoutedSink<TBuilder> Unpartitioned(TableSink<TBuilder> sink) => new(sink);

    /// <summary>Takes rows of months [firstMonth, endMonth), one sink per month.</summary>
    public static MonthRoutedSink<TBuilder> ByMonth(int firstMonth, int endMonth, Func<int, TableSink<TBuilder>> createForMonth) =>
        new(firstMonth, endMonth, createForMonth);

    public bool Accepts(int month) => month >= _firstMonth && month < _endMonth;

    /// <summary>The sink for a month that <see cref="Accepts"/>.</summary>
    public TableSink<TBuilder> For(int month) =>
        _single ?? (_byMonth[month - _firstMonth] ??= _createForMonth!(month));

    public IReadOnlyList<TpchDataFile> Complete()
    {
        if (_single is not null)
        {
            return _single.Complete();
        }
        var files = new List<TpchDataFile>();
        foreach (var sink in _byMonth)
        {
            if (sink is not null)
            {
                files.AddRange(sink.Complete());
            }
        }
        return files;
    }

    public void Dispose()
    {
        _single?.Dispose();
        foreach (var sink in _byMonth)
        {
            sink?.Dispose();
        }
    }
}
