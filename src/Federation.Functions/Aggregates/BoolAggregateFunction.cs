using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>BOOL_AND (also EVERY) and BOOL_OR: NULL inputs are skipped; NULL when there are none.</summary>
public sealed class BoolAggregateFunction : AggregateFunction
{
    private readonly bool _isAnd;

    private BoolAggregateFunction(bool isAnd)
    {
        _isAnd = isAnd;
    }

    public static BoolAggregateFunction And { get; } = new(true);

    public static BoolAggregateFunction Or { get; } = new(false);

    public override string Name => _isAnd ? "bool_and" : "bool_or";

    public override IReadOnlyList<string> Aliases => _isAnd ? ["every"] : [];

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes) =>
        argumentTypes.Count == 1 && argumentTypes[0].Kind is TypeKind.Boolean or TypeKind.Null
            ? new AggregateBinding(this, [SqlType.Boolean], SqlType.Boolean, [SqlType.Boolean], () => new Accumulator(_isAnd))
            : null;

    private sealed class Accumulator(bool isAnd) : GroupsAccumulator
    {
        private bool[] _values = [];
        private bool[] _seen = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            GroupStorage.Ensure(ref _seen, groupCount);
            var array = (BooleanArray)arguments[0];
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (array.GetValue(i) is not { } v)
                {
                    continue;
                }

                var g = groupIds[i];
                _values[g] = _seen[g] ? (isAnd ? _values[g] && v : _values[g] || v) : v;
                _seen[g] = true;
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) => Update(states, groupIds, groupCount);

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            GroupStorage.Ensure(ref _seen, groupCount);
            var bits = Bitmap.AllClear(groupCount);
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                if (!_seen[g])
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                }
                else if (_values[g])
                {
                    Bitmap.Set(bits, g);
                }
            }

            return ArrayFactory.Boolean(bits, groupCount, validity);
        }

        public override long SizeInBytes => _values.Length * 2L;
    }
}
