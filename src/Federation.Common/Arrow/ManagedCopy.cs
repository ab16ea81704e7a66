using Apache.Arrow;

namespace Federation.Common.Arrow;

/// <summary>
/// Copies an array whose buffers live in native memory (imported from a C reader through the C data interface)
/// into managed memory, so the native memory can be released at once instead of whenever a finalizer runs.
/// </summary>
public static class ManagedCopy
{
    public static IArrowArray Copy(IArrowArray array) => ArrowArrayFactory.BuildArray(Copy(array.Data));

    private static ArrayData Copy(ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (var i = 0; i < buffers.Length; i++)
        {
            var span = data.Buffers[i].Span;
            buffers[i] = span.IsEmpty ? ArrowBuffer.Empty : new ArrowBuffer(span.ToArray());
        }

        var children = data.Children?.Select(Copy).ToArray() ?? [];
        var dictionary = data.Dictionary is null ? null : Copy(data.Dictionary);
        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, children, dictionary);
    }
}
