using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// The value of a scalar subquery: NULL for no rows, the value for one row, and the error PostgreSQL raises
/// for more than one. The optimizer wraps scalar subqueries in it when they are turned into joins.
/// </summary>
public sealed class SingleValueFunction : AggregateFunction
{
    public static SingleValueFunction Instance { get; } = new();

    public override string Name => "single_value";

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1
            ? new AggregateBinding(this, [argumentTypes[0]], argumentTypes[0], null, () => new Accumulator(argumentTypes[0]))
            : null;

    private sealed class Accumulator(SqlType type) : GroupsAccumulator
    {
        private int[] _rows = [];
        private readonly List<IArrowArray> _chunks = [];
        private int _offset;

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            var previous = _rows.Length;
            GroupStorage.Ensure(ref _rows, groupCount);
            _rows.AsSpan(previous).Fill(-1);
            for (var i = 0; i < groupIds.Length; i++)
            {
                var g = groupIds[i];
                if (_rows[g] >= 0)
                {
                    throw new FederationException(ErrorCode.CardinalityViolation, "more than one row returned by a subquery used as an expression");
                }

                _rows[g] = _offset + i;
            }

            _chunks.Add(arguments[0]);
            _offset += groupIds.Length;
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) =>
            throw new InvalidOperationException("single_value has no partial state");

        public override IArrowArray[] State(int groupCount) => throw new InvalidOperationException("single_value has no partial state");

        public override IArrowArray Evaluate(int groupCount)
        {
            var previous = _rows.Length;
            GroupStorage.Ensure(ref _rows, groupCount);
            _rows.AsSpan(previous).Fill(-1);
            var all = _chunks.Count switch
            {
                0 => ArrayFactory.Nulls(type, 0),
                1 => _chunks[0],
                _ => ArrayConcat.Concat(_chunks),
            };
            return ArrayTake.Take(all, _rows.AsSpan(0, groupCount));
        }

        public override long SizeInBytes => (_rows.Length * 4L) + (_offset * 16L);
    }
}
