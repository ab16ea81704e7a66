using Apache.Arrow;
using Apache.Arrow.Types;

namespace Federation.Samples.Tpch.Columns;

/// <summary>
/// The values of one column for the batch being built. Buffers are reused from batch to batch, so
/// an array returned by <see cref="Build"/> is valid only until the next <see cref="Clear"/>.
/// </summary>
internal interface IColumnBuffer
{
    ArrowTypeId TypeId { get; }

    int Count { get; }

    IArrowArray Build();

    void Clear();
}
