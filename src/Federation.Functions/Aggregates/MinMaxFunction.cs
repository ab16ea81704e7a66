using System.Numerics;
using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;
using Federation.Functions.Kernels;

namespace Federation.Functions.Aggregates;

/// <summary>MIN and MAX over any ordered type; the partial state is the value itself.</summary>
public sealed class MinMaxFunction : AggregateFunction
{
    private readonly bool _isMax;

    private MinMaxFunction(bool isMax)
    {
        _isMax = isMax;
    }

    public static MinMaxFunction Min { get; } = new(false);

    public static MinMaxFunction Max { get; } = new(true);

    public override string Name => _isMax ? "max" : "min";

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1)
        {
            return null;
        }

        var t = argumentTypes[0].Kind == TypeKind.Null ? SqlType.String : argumentTypes[0];
        Func<GroupsAccumulator> factory = t.Kind switch
        {
            TypeKind.Int16 => () => new Fixed<short>(t, _isMax),
            TypeKind.Int32 or TypeKind.Date => () => new Fixed<int>(t, _isMax),
            TypeKind.Int64 or TypeKind.Timestamp or TypeKind.TimestampTz => () => new Fixed<long>(t, _isMax),
            TypeKind.Decimal => () => new Fixed<Int128>(t, _isMax),
            TypeKind.Float32 or TypeKind.Float64 or TypeKind.Boolean or TypeKind.Interval or TypeKind.String or TypeKind.Binary => () => new General(t, _isMax),
            _ => () => throw new InvalidOperationException(),
        };
        return new AggregateBinding(this, [t], t, [t], factory);
    }

    private sealed class Fixed<T>(SqlType type, bool isMax) : GroupsAccumulator
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        private T[] _values = [];
        private bool[] _seen = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            GroupStorage.Ensure(ref _seen, groupCount);
            var input = ArrayFactory.FixedValues<T>(arguments[0]);
            var validity = Validity.Bits(arguments[0]);
            var values = _values;
            var seen = _seen;
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                {
                    continue;
                }

                var g = groupIds[i];
                var v = input[i];
                if (!seen[g] || (isMax ? v > values[g] : v < values[g]))
                {
                    values[g] = v;
                    seen[g] = true;
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) => Update(states, groupIds, groupCount);

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            GroupStorage.Ensure(ref _seen, groupCount);
            var buffer = ArrayFactory.AllocateValues<T>(groupCount);
            _values.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<T>(buffer));
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                if (!_seen[g])
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                }
            }

            return ArrayFactory.Fixed(type, buffer, groupCount, validity);
        }

        public override long SizeInBytes => _values.Length * (System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + 1L);
    }

    /// <summary>Floats (NaN is largest), booleans, intervals and strings: compared value by value.</summary>
    private sealed class General(SqlType type, bool isMax) : GroupsAccumulator
    {
        private ScalarValue?[] _values = [];
        private long _bytes;

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            var array = arguments[0];
            if (type.Kind is TypeKind.String or TypeKind.Binary)
            {
                UpdateBytes((BinaryArray)array, groupIds);
                return;
            }

            for (var i = 0; i < groupIds.Length; i++)
            {
                if (array.IsNull(i))
                {
                    continue;
                }

                var v = ArrayFactory.GetScalar(array, i, type);
                var g = groupIds[i];
                var current = _values[g];
                if (current is null || Better(ComparisonKernel.ScalarCompare(v, current)))
                {
                    _values[g] = v;
                }
            }
        }

        private bool Better(int comparison) => isMax ? comparison > 0 : comparison < 0;

        private void UpdateBytes(BinaryArray array, ReadOnlySpan<int> groupIds)
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (array.IsNull(i))
                {
                    continue;
                }

                var bytes = array.GetBytes(i);
                var g = groupIds[i];
                var current = _values[g];
                if (current is null || Better(bytes.SequenceCompareTo((byte[])current.Value!)))
                {
                    _bytes += bytes.Length;
                    _values[g] = new ScalarValue(SqlType.Binary, bytes.ToArray());
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) => Update(states, groupIds, groupCount);

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _values, groupCount);
            if (type.Kind is TypeKind.String or TypeKind.Binary)
            {
                var builder = new VariableWidthBuilder(type, groupCount);
                for (var g = 0; g < groupCount; g++)
                {
                    if (_values[g] is { } v)
                    {
                        builder.Append((byte[])v.Value!);
                    }
                    else
                    {
                        builder.AppendNull();
                    }
                }

                return builder.Build();
            }

            var arrays = new IArrowArray[groupCount];
            for (var g = 0; g < groupCount; g++)
            {
                arrays[g] = ArrayFactory.FromScalar(_values[g] ?? ScalarValue.NullOf(type), 1);
            }

            return groupCount == 0 ? ArrayFactory.Nulls(type, 0) : ArrayConcat.Concat(arrays);
        }

        public override long SizeInBytes => (_values.Length * 32L) + _bytes;
    }
}
