using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

/// <summary>Dates as days since 1970-01-01 (Arrow Date32, Parquet DATE).</summary>
internal sealed class Date32ColumnBuffer(int capacity) : FixedWidthColumnBuffer<int>(capacity)
{
    public override ArrowTypeId TypeId => ArrowTypeId.Date32;

    protected override IArrowArray CreateArray(ArrowBuffer values, int length) =>
        new Date32Array(values, ArrowBuffer.Empty, length, nullCount: 0, offset: 0);
}
