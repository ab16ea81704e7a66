using System.Runtime.CompilerServices;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Execution;
using Federation.Physical.Expressions;

namespace Federation.Physical.Sorting;

/// <summary>
/// The k-way merge of an external sort: runs sorted by the same keys, read back one batch per run at a time, merged
/// into batches in key order by comparing normalized keys (<see cref="SortKeyEncoder"/>) with memcmp. Equal keys come
/// out in run order, and runs are written in input order, so the merge is as stable as the in-memory sort.
/// </summary>
public static class SortedRunMerge
{
    public static async IAsyncEnumerable<RecordBatch> MergeAsync(IReadOnlyList<SpillFile> runs, IReadOnlyList<SortField> keys, EvaluationContext evaluation,
        Schema schema, int batchSize, long? fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var types = keys.Select(k => k.Expr.Type).ToArray();
        var order = keys.Select(k => (k.Ascending, k.NullsFirst)).ToArray();
        var cursors = new List<RunCursor>(runs.Count);
        try
        {
            var heap = new List<int>(runs.Count);
            foreach (var run in runs)
            {
                var cursor = new RunCursor(run.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
                cursors.Add(cursor);
                if (await cursor.NextBatchAsync(keys, types, order, evaluation).ConfigureAwait(false))
                {
                    heap.Add(cursors.Count - 1);
                }
            }

            for (var i = (heap.Count / 2) - 1; i >= 0; i--)
            {
                SiftDown(heap, i, cursors);
            }

            var chunk = new MergeChunk();
            var remaining = fetch ?? long.MaxValue;
            while (heap.Count > 0 && remaining > 0)
            {
                var top = cursors[heap[0]];
                chunk.Add(top);
                remaining--;
                if (chunk.Count == batchSize || remaining == 0)
                {
                    yield return chunk.Build(schema);
                }

                top.Row++;
                if (top.Row == top.Batch!.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!await top.NextBatchAsync(keys, types, order, evaluation).ConfigureAwait(false))
                    {
                        heap[0] = heap[^1];
                        heap.RemoveAt(heap.Count - 1);
                    }
                }

                if (heap.Count > 0)
                {
                    SiftDown(heap, 0, cursors);
                }
            }

            if (chunk.Count > 0)
            {
                yield return chunk.Build(schema);
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                await cursor.Reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static int Compare(List<RunCursor> cursors, int a, int b)
    {
        var c = cursors[a].Key.SequenceCompareTo(cursors[b].Key);
        return c != 0 ? c : a.CompareTo(b);
    }

    private static void SiftDown(List<int> heap, int at, List<RunCursor> cursors)
    {
        var count = heap.Count;
        while (true)
        {
            var left = (2 * at) + 1;
            if (left >= count)
            {
                return;
            }

            var smallest = left + 1 < count && Compare(cursors, heap[left + 1], heap[left]) < 0 ? left + 1 : left;
            if (Compare(cursors, heap[smallest], heap[at]) >= 0)
            {
                return;
            }

            (heap[at], heap[smallest]) = (heap[smallest], heap[at]);
            at = smallest;
        }
    }

    /// <summary>One run's place in the merge: its current batch, that batch's encoded keys and the next row.</summary>
    private sealed class RunCursor(IAsyncEnumerator<RecordBatch> reader)
    {
        public IAsyncEnumerator<RecordBatch> Reader { get; } = reader;

        public RecordBatch? Batch { get; private set; }

        public RowsBytes Keys { get; private set; }

        public int Row { get; set; }

        /// <summary>The generation of the merge chunk that last took a row of the current batch, and that batch's place in it.</summary>
        public long Generation { get; set; } = -1;

        public int Source { get; set; }

        public ReadOnlySpan<byte> Key => Keys.Row(Row);

        public async ValueTask<bool> NextBatchAsync(IReadOnlyList<SortField> keys, Common.Types.SqlType[] types, (bool Ascending, bool NullsFirst)[] order,
            EvaluationContext evaluation)
        {
            while (await Reader.MoveNextAsync().ConfigureAwait(false))
            {
                var batch = Reader.Current;
                if (batch.Length == 0)
                {
                    continue;
                }

                var columns = new IArrowArray[keys.Count];
                for (var k = 0; k < columns.Length; k++)
                {
                    columns[k] = keys[k].Expr.EvaluateToArray(batch, evaluation);
                }

                Keys = SortKeyEncoder.Encode(columns, types, order, batch.Length);
                Batch = batch;
                Row = 0;
                Generation = -1;
                return true;
            }

            Batch = null;
            return false;
        }
    }

    /// <summary>
    /// The rows of one output batch as (source batch, row) in output order: built by taking each source's rows, in
    /// order, into one batch and putting those in output order with one more take.
    /// </summary>
    private sealed class MergeChunk
    {
        private readonly List<RecordBatch> _sources = [];
        private readonly List<List<int>> _rows = [];
        private readonly List<int> _outputSources = [];
        private long _generation;

        public int Count => _outputSources.Count;

        public void Add(RunCursor cursor)
        {
            if (cursor.Generation != _generation)
            {
                cursor.Generation = _generation;
                cursor.Source = _sources.Count;
                _sources.Add(cursor.Batch!);
                _rows.Add([]);
            }

            _rows[cursor.Source].Add(cursor.Row);
            _outputSources.Add(cursor.Source);
        }

        public RecordBatch Build(Schema schema)
        {
            RecordBatch result;
            if (_sources.Count == 1)
            {
                result = BatchOps.WithSchema(BatchOps.Take(_sources[0], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows[0])), schema);
            }
            else
            {
                var parts = new List<RecordBatch>(_sources.Count);
                var starts = new int[_sources.Count];
                var at = 0;
                for (var s = 0; s < _sources.Count; s++)
                {
                    starts[s] = at;
                    at += _rows[s].Count;
                    parts.Add(BatchOps.Take(_sources[s], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows[s])));
                }

                var gathered = BatchOps.Concat(schema, parts);
                var positions = new int[_outputSources.Count];
                for (var i = 0; i < positions.Length; i++)
                {
                    positions[i] = starts[_outputSources[i]]++;
                }

                result = BatchOps.Take(gathered, positions);
            }

            _generation++;
            _sources.Clear();
            _rows.Clear();
            _outputSources.Clear();
            return result;
        }
    }
}
