using Apache.Arrow;
using Federation.Common.Arrow;
using Federation.Common.Types;

namespace Federation.Functions.Aggregates;

/// <summary>
/// AVG. Integers and numeric(p,s) average exactly to numeric, as in PostgreSQL: the sum divided by the count, rounded
/// half away from zero, at a scale PostgreSQL's numeric division chooses for such values (<see cref="ResultType"/>: 16
/// for integers, 20 or s when larger for numerics), as far as 38 digits allow; floats average to double precision.
/// Partial state is (sum, count).
/// </summary>
public sealed class AvgFunction : AggregateFunction
{
    public override string Name => "avg";

    public override AggregateBinding? Bind(IReadOnlyList<SqlType> argumentTypes)
    {
        if (argumentTypes.Count != 1)
        {
            return null;
        }

        var t = argumentTypes[0];
        if (t.IsInteger || t.Kind == TypeKind.Decimal)
        {
            var input = t.Kind == TypeKind.Decimal ? t : SqlType.Int64;
            var sumType = SqlType.Decimal(38, input.Scale);
            var result = ResultType(input, integers: t.IsInteger);
            return new AggregateBinding(this, [input], result, [sumType, SqlType.Int64], () => new DecimalAvg(input, sumType, result));
        }

        if (t.IsFloat || t.Kind == TypeKind.Null)
        {
            return new AggregateBinding(this, [SqlType.Float64], SqlType.Float64, [SqlType.Float64, SqlType.Int64], () => new DoubleAvg());
        }

        return null;
    }

    /// <summary>
    /// numeric(38, s): the average has at most the input's integer digits; the scale gives way past 38 digits, to no
    /// fewer than 6. An average of integers is mostly at least 1, where PostgreSQL's sum / count keeps 16 digits
    /// (NUMERIC_MIN_SIG_DIGITS, its sum's first digits above the count's); one of numerics may be below 1 (0.05333...),
    /// where it keeps 20.
    /// </summary>
    public static SqlType ResultType(SqlType input, bool integers)
    {
        var scale = integers ? NumericDivisionScale.MinSignificantDigits : NumericDivisionScale.Select(input.Scale, null, 0, null);
        var integerDigits = input.Precision - input.Scale;
        if (integerDigits + scale > SqlType.MaxDecimalPrecision)
        {
            scale = Math.Max(SqlType.MaxDecimalPrecision - integerDigits, Math.Min(scale, Math.Max(6, input.Scale)));
        }

        return SqlType.Decimal(SqlType.MaxDecimalPrecision, scale);
    }

    private sealed class DecimalAvg(SqlType input, SqlType sumType, SqlType result) : GroupsAccumulator
    {
        private readonly SumFunction.DecimalSum _sum = new(input, sumType);
        private long[] _counts = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            _sum.Update(arguments, groupIds, groupCount);
            CountValid(arguments[0], groupIds, groupCount);
        }

        private void CountValid(IArrowArray array, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var validity = Validity.Bits(array);
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (validity.IsEmpty || Bitmap.Get(validity, i))
                {
                    _counts[groupIds[i]]++;
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            _sum.Merge(states[..1], groupIds, groupCount);
            GroupStorage.Ensure(ref _counts, groupCount);
            var counts = ArrayFactory.FixedValues<long>(states[1]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                _counts[groupIds[i]] += counts[i];
            }
        }

        public override IArrowArray[] State(int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var counts = ArrayFactory.AllocateValues<long>(groupCount);
            _counts.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(counts));
            return [_sum.Evaluate(groupCount), ArrayFactory.Fixed(SqlType.Int64, counts, groupCount, null)];
        }

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _counts, groupCount);
            var sums = ArrayFactory.DecimalValues(_sum.Evaluate(groupCount));
            var buffer = ArrayFactory.AllocateValues<Int128>(groupCount);
            var output = ArrayFactory.ValuesOf<Int128>(buffer);
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                var count = _counts[g];
                if (count == 0)
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                    output[g] = 0;
                    continue;
                }

                output[g] = DecimalMath.Divide(sums[g], sumType.Scale, count, 0, result.Scale);
            }

            return ArrayFactory.Fixed(result, buffer, groupCount, validity);
        }

        public override long SizeInBytes => _sum.SizeInBytes + (_counts.Length * 8L);
    }

    private sealed class DoubleAvg : GroupsAccumulator
    {
        private double[] _sums = [];
        private long[] _counts = [];

        public override void Update(ReadOnlySpan<IArrowArray> arguments, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref _counts, groupCount);
            var values = ArrayFactory.FixedValues<double>(arguments[0]);
            var validity = Validity.Bits(arguments[0]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (validity.IsEmpty || Bitmap.Get(validity, i))
                {
                    _sums[groupIds[i]] += values[i];
                    _counts[groupIds[i]]++;
                }
            }
        }

        public override void Merge(ReadOnlySpan<IArrowArray> states, ReadOnlySpan<int> groupIds, int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref _counts, groupCount);
            var sums = ArrayFactory.FixedValues<double>(states[0]);
            var counts = ArrayFactory.FixedValues<long>(states[1]);
            for (var i = 0; i < groupIds.Length; i++)
            {
                _sums[groupIds[i]] += sums[i];
                _counts[groupIds[i]] += counts[i];
            }
        }

        public override IArrowArray[] State(int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref _counts, groupCount);
            var sums = ArrayFactory.AllocateValues<double>(groupCount);
            _sums.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<double>(sums));
            var counts = ArrayFactory.AllocateValues<long>(groupCount);
            _counts.AsSpan(0, groupCount).CopyTo(ArrayFactory.ValuesOf<long>(counts));
            return [ArrayFactory.Fixed(SqlType.Float64, sums, groupCount, null), ArrayFactory.Fixed(SqlType.Int64, counts, groupCount, null)];
        }

        public override IArrowArray Evaluate(int groupCount)
        {
            GroupStorage.Ensure(ref _sums, groupCount);
            GroupStorage.Ensure(ref _counts, groupCount);
            var buffer = ArrayFactory.AllocateValues<double>(groupCount);
            var output = ArrayFactory.ValuesOf<double>(buffer);
            byte[]? validity = null;
            for (var g = 0; g < groupCount; g++)
            {
                if (_counts[g] == 0)
                {
                    validity ??= Bitmap.AllSet(groupCount);
                    Bitmap.Clear(validity, g);
                    continue;
                }

                output[g] = _sums[g] / _counts[g];
            }

            return ArrayFactory.Fixed(SqlType.Float64, buffer, groupCount, validity);
        }

        public override long SizeInBytes => (_sums.Length + _counts.Length) * 8L;
    }
}
