using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>COUNT(*) (no arguments: every row) and COUNT(x) (rows where x is not NULL). Result bigint, never NULL.</summary>
public sealed class CountFunction : AggregateFunction
{
    public override string Name => "count";

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes) => argumentTypes.Count switch
    {
        0 => new AggregateBinding(this, [], SqlType.Int64, [SqlType.Int64], () => new CountAccumulator(countNulls: true)),
        1 => new AggregateBinding(this, [argumentTypes[0].Kind == TypeKind.Null ? SqlType.String : argumentTypes[0]], SqlType.Int64, [SqlType.Int64],
            () => new CountAccumulator(countNulls: false)),
        _ => null,
    };

    private sealed class CountAccumulator(bool countNulls) : GroupsAccumulator
    {
        private long[] _counts = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var counts = _counts;
            var validity = countNulls ? default : Validity.Bits(arguments[0]);
            if (validity.IsEmpty)
            {
                foreach (var g in groupIds)
                {
                    counts[g]++;
                }

                return;
            }

            for (var i = 0; i < groupIds.Length; i++)
            {
                if (Bitmap.Get(validity, i))
                {
                    counts[groupIds[i]]++;
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var partial = ArrayFactory.FixedValues<long>(states[0]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                _counts[groupIds[i]] += partial[i];
            }
        }

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var buffer = ArrayFactory.AllocateValues<long>(groupCount);
            _counts.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(buffer));
            return ArrayFactory.Fixed(SqlType.Int64, buffer, groupCount, null);
        }

        public override long SizeInBytes => _counts.Length * 8L;
    }
}
