using System.Runtime.InteropServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;

namespace Federation.Physical.Spilling;

/// <summary>
/// Splits rows by a hash of their keys into <see cref="Fanout"/> spill files (grace hash join, hash aggregation that
/// spills): rows with equal keys land in the same file. Each level of recursive partitioning takes the next 4 bits of
/// the 64-bit hash from the top, so a partition that is still too big splits again independently of how it was made.
/// The top bits, because hash tables index their slots by the low ones: a partition whose keys all shared their low
/// bits would crowd its table's slots. (RepartitionExec takes bits 32 and up: levels below 7 do not overlap them.) A file's rows
/// keep their input order, and are gathered into batches of about the batch size before they are written.
/// </summary>
public sealed class SpillPartitions : IAsyncDisposable
{
    public const int Fanout = 16;

    private const int BitsPerLevel = 4;


    private readonly QuerySpill _spill;
    private readonly Schema _schema;
    private readonly OperatorMetrics? _metrics;
    private readonly int _batchSize;
    private readonly int _level;
    private readonly SpillWriter?[] _writers = new SpillWriter?[Fanout];
    private readonly List<RecordBatch>[] _pending = new List<RecordBatch>[Fanout];
    private readonly int[] _pendingRows = new int[Fanout];
    private readonly List<int>[] _rows = new List<int>[Fanout];

    public SpillPartitions(QuerySpill spill, Schema schema, OperatorMetrics? metrics, int batchSize, int level)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 15);
        _spill = spill;
        _schema = schema;
        _metrics = metrics;
        _batchSize = Math.Max(1, batchSize);
        _level = level;
        for (var p = 0; p < Fanout; p++)
        {
            _pending[p] = [];
            _rows[p] = [];
        }
    }

    public int Level => _level;

    public long Rows { get; private set; }

    /// <summary>The partition of a row with key hash <paramref name="hash"/> at <paramref name="level"/>.</summary>
    public static int PartitionOf(ulong hash, int level) => (int)((hash >> Shift(level)) & (Fanout - 1));

    private static int Shift(int level) => 64 - ((level + 1) * BitsPerLevel);

    /// <summary>Adds a batch's rows, row i to the partition of <paramref name="hashes"/>[i].</summary>
    public async ValueTask AddAsync(RecordBatch batch, ReadOnlyMemory<ulong> hashes, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return;
        }

        Rows += batch.Length;
        Split(hashes.Span, batch.Length);
        for (var p = 0; p < Fanout; p++)
        {
            var rows = _rows[p];
            if (rows.Count == 0)
            {
                continue;
            }

            var piece = rows.Count == batch.Length ? batch : BatchOps.Take(batch, CollectionsMarshal.AsSpan(rows));
            _pending[p].Add(piece);
            _pendingRows[p] += piece.Length;
            if (_pendingRows[p] >= _batchSize)
            {
                await FlushAsync(p, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Split(ReadOnlySpan<ulong> hashes, int length)
    {
        for (var p = 0; p < Fanout; p++)
        {
            _rows[p].Clear();
        }

        var shift = Shift(_level);
        for (var i = 0; i < length; i++)
        {
            _rows[(int)((hashes[i] >> shift) & (Fanout - 1))].Add(i);
        }
    }

    private async ValueTask FlushAsync(int p, CancellationToken cancellationToken)
    {
        var pending = _pending[p];
        if (pending.Count == 0)
        {
            return;
        }

        var batch = BatchOps.Concat(_schema, pending);
        pending.Clear();
        _pendingRows[p] = 0;
        var writer = _writers[p] ??= _spill.CreateWriter(_schema, _metrics);
        await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what waits and closes the files: one per partition, null for a partition no row went to.</summary>
    public async ValueTask<SpillFile?[]> FinishAsync(CancellationToken cancellationToken)
    {
        var files = new SpillFile?[Fanout];
        for (var p = 0; p < Fanout; p++)
        {
            await FlushAsync(p, cancellationToken).ConfigureAwait(false);
            if (_writers[p] is { } writer)
            {
                files[p] = await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
                _writers[p] = null;
            }
        }

        return files;
    }

    /// <summary>Closes (and so deletes) the files of partitioning that did not finish.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var p = 0; p < Fanout; p++)
        {
            if (_writers[p] is { } writer)
            {
                _writers[p] = null;
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
