using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

internal sealed class Int32ColumnBuffer(int capacity) : FixedWidthColumnBuffer<int>(capacity)
{
    public override ArrowTypeId TypeId => ArrowTypeId.Int32;

    protected override IArrowArray CreateArray(ArrowBuffer values, int length) =>
        new Int32Array(values, ArrowBuffer.Empty, length, nullCount: 0, offset: 0);
}
