using Apache.Arrow;
using Federation.Common;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// SUM. smallint and integer sum to bigint; bigint to numeric(38,0); numeric(p,s) to numeric(38,s); real to real;
/// double to double; interval to interval. NULL when no row is non-NULL.
/// </summary>
public sealed class SumFunction : AggregateFunction
{
    public override string Name => "sum";

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1)
        {
            return null;
        }

        var t = argumentTypes[0];
        switch (t.Kind)
        {
            case TypeKind.Int16 or TypeKind.Int32:
                return new AggregateBinding(this, [t], SqlType.Int64, [SqlType.Int64], () => new LongSum(t));
            case TypeKind.Int64:
            {
                var result = SqlType.Decimal(38, 0);
                return new AggregateBinding(this, [t], result, [result], () => new DecimalSum(t, result));
            }

            case TypeKind.Decimal:
            {
                var result = SqlType.Decimal(38, t.Scale);
                return new AggregateBinding(this, [t], result, [result], () => new DecimalSum(t, result));
            }

            case TypeKind.Float32 or TypeKind.Float64:
                return new AggregateBinding(this, [t], t, [SqlType.Float64], () => new DoubleSum(t));
            case TypeKind.Null:
                return new AggregateBinding(this, [SqlType.Float64], SqlType.Float64, [SqlType.Float64], () => new DoubleSum(SqlType.Float64));
            default:
                return null;
        }
    }

    /// <summary>Shared bookkeeping: which groups have seen a non-null value.</summary>
    internal abstract class SumBase : GroupsAccumulator
    {
        protected bool[] Seen = [];

        protected byte[]? SeenValidity(int groupCount)
        {
            GroupStorage.Ensure(ref Seen, groupCount);
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                if (!Seen[g])
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                }
            }

            return validity;
        }
    }

    private sealed class LongSum(SqlType input) : SumBase
    {
        private long[] _sums = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref Seen, groupCount);
            var validity = Validity.Bits(arguments[0]);
            try
            {
                if (input.Kind == TypeKind.Int32)
                {
                    Add(ArrayFactory.FixedValues<int>(arguments[0]), groupIds, validity);
                }
                else
                {
                    Add(ArrayFactory.FixedValues<short>(arguments[0]), groupIds, validity);
                }
            }
            catch (OverflowException)
            {
                throw new FederationException(ErrorCode.NumericOverflow, "bigint out of range");
            }
        }

        private void Add<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> groupIds, ReadOnlySpan<byte> validity)
            where T : unmanaged, System.Numerics.IBinaryInteger<T>
        {
            var sums = _sums;
            var seen = Seen;
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsEmpty && !Bitmap.Get(validity, i))
                {
                    continue;
                }

                var g = groupIds[i];
                sums[g] = checked(sums[g] + long.CreateTruncating(values[i]));
                seen[g] = true;
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref Seen, groupCount);
            var values = ArrayFactory.FixedValues<long>(states[0]);
            var validity = Validity.Bits(states[0]);
            try
            {
                for (var i = 0; i < groupIds.Length; i++)
                {
                    if (validity.IsEmpty || Bitmap.Get(validity, i))
                    {
                        var g = groupIds[i];
                        _sums[g] = checked(_sums[g] + values[i]);
                        Seen[g] = true;
                    }
                }
            }
            catch (OverflowException)
            {
                throw new FederationException(ErrorCode.NumericOverflow, "bigint out of range");
            }
        }

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            var buffer = ArrayFactory.AllocateValues<long>(groupCount);
            _sums.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(buffer));
            return ArrayFactory.Fixed(SqlType.Int64, buffer, groupCount, SeenValidity(groupCount));
        }

        public override long SizeInBytes => _sums.Length * 9L;
    }

    internal sealed class DecimalSum(SqlType input, SqlType result) : SumBase
    {
        private Int128[] _sums = [];
        private readonly Int128 _limit = DecimalMath.Limit(38);

        public Int128[] Sums => _sums;

        public bool[] SeenGroups => Seen;

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref Seen, groupCount);
            var array = arguments[0];
            var validity = Validity.Bits(array);
            var sums = _sums;
            var seen = Seen;
            if (input.Kind == TypeKind.Int64)
            {
                var values = ArrayFactory.FixedValues<long>(array);
                for (var i = 0; i < groupIds.Length; i++)
                {
                    if (validity.IsEmpty || Bitmap.Get(validity, i))
                    {
                        var g = groupIds[i];
                        sums[g] += values[i];
                        seen[g] = true;
                    }
                }
            }
            else
            {
                var values = ArrayFactory.DecimalValues(array);
                if (validity.IsEmpty)
                {
                    for (var i = 0; i < groupIds.Length; i++)
                    {
                        var g = groupIds[i];
                        sums[g] += values[i];
                        seen[g] = true;
                    }
                }
                else
                {
                    for (var i = 0; i < groupIds.Length; i++)
                    {
                        if (Bitmap.Get(validity, i))
                        {
                            var g = groupIds[i];
                            sums[g] += values[i];
                            seen[g] = true;
                        }
                    }
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref Seen, groupCount);
            var values = ArrayFactory.DecimalValues(states[0]);
            var validity = Validity.Bits(states[0]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (validity.IsEmpty || Bitmap.Get(validity, i))
                {
                    var g = groupIds[i];
                    _sums[g] += values[i];
                    Seen[g] = true;
                }
            }
        }

        public override IArrowArray[] State(int groupCount) => [Evaluate(groupCount)];

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            var buffer = ArrayFactory.AllocateValues<Int128>(groupCount);
            var output = ArrayFactory.ValuesOf<Int128>(buffer);
            for (var g = 0; g < groupCount; g++)
            {
                var v = _sums[g];
                // Sums of 38-digit values stay far inside Int128; the precision limit is checked once here.
                if (v >= _limit || v <= -_limit)
                {
                    throw DecimalMath.Overflow(result.Precision, result.Scale);
                }

                output[g] = v;
            }

            return ArrayFactory.Fixed(result, buffer, groupCount, SeenValidity(groupCount));
        }

        public override long SizeInBytes => _sums.Length * 17L;
    }

    internal sealed class DoubleSum(SqlType type) : SumBase
    {
        private double[] _sums = [];

        public double[] Sums => _sums;

        public bool[] SeenGroups => Seen;

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref Seen, groupCount);
            var array = arguments[0];
            var validity = Validity.Bits(array);
            var sums = _sums;
            var seen = Seen;
            if (array.Data.DataType.TypeId == Apache.Arrow.Types.ArrowTypeId.Float)
            {
                var values = ArrayFactory.FixedValues<float>(array);
                for (var i = 0; i < groupIds.Length; i++)
                {
                    if (validity.IsEmpty || Bitmap.Get(validity, i))
                    {
                        sums[groupIds[i]] += values[i];
                        seen[groupIds[i]] = true;
                    }
                }
            }
            else if (array.Data.DataType.TypeId == Apache.Arrow.Types.ArrowTypeId.Double)
            {
                var values = ArrayFactory.FixedValues<double>(array);
                for (var i = 0; i < groupIds.Length; i++)
                {
                    if (validity.IsEmpty || Bitmap.Get(validity, i))
                    {
                        sums[groupIds[i]] += values[i];
                        seen[groupIds[i]] = true;
                    }
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount) => Update(states, groupIds, groupCount);

        public override IArrowArray[] State(int groupCount) => [Build(SqlType.Float64, groupCount)];

        public override IArrowArray Evaluate(int groupCount) => Build(type, groupCount);

        private IArrowArray Build(SqlType outputType, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            var validity = SeenValidity(groupCount);
            if (outputType.Kind == TypeKind.Float32)
            {
                var buffer = ArrayFactory.AllocateValues<float>(groupCount);
                var output = ArrayFactory.ValuesOf<float>(buffer);
                for (var g = 0; g < groupCount; g++)
                {
                    output[g] = (float)_sums[g];
                }

                return ArrayFactory.Fixed(outputType, buffer, groupCount, validity);
            }

            var doubles = ArrayFactory.AllocateValues<double>(groupCount);
            _sums.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<double>(doubles));
            return ArrayFactory.Fixed(SqlType.Float64, doubles, groupCount, validity);
        }

        public override long SizeInBytes => _sums.Length * 9L;
    }
}
