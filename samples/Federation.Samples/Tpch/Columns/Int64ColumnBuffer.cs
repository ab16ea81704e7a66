using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

internal sealed class Int64ColumnBuffer(int capacity) : FixedWidthColumnBuffer<long>(capacity)
{
    public override ArrowTypeId TypeId => ArrowTypeId.Int64;

    protected override IArrowArray CreateArray(ArrowBuffer values, int length) =>
        new Int64Array(values, ArrowBuffer.Empty, length, nullCount: 0, offset: 0);
}
