using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.C;
using Apache.Arrow.Types;
using Federation.Common;
using ParquetSharp.Arrow;

namespace Federation.Formats.Parquet;

/// <summary>
/// Reads record batches from ParquetSharp's native Arrow reader through the Arrow C stream interface, copying
/// each batch straight into managed buffers and releasing the native one at once.
///
/// Why not ParquetSharp's own GetRecordBatchReader: Apache.Arrow's C importer calls GC.AddMemoryPressure for
/// every imported buffer, which forces a full (gen2) collection every few batches; on TPC-H that cost more than
/// the decoding itself. Copying is needed anyway, so the copy is done here and no pressure is reported.
/// The reader is ParquetSharp's (same decoder, same options); only the hand-over differs.
///
/// A scan that filters can instead borrow a batch (<see cref="NextBorrowed"/>): its buffers are the reader's
/// memory, valid until the next call; the scan filters it there and copies out only the rows it keeps
/// (<see cref="Detach(RecordBatch)"/>), so rows a filter drops are never copied.
/// </summary>
internal sealed unsafe class NativeRecordBatchStream : IDisposable
{
    [StructLayout(LayoutKind.Sequential)]
    private struct ArrowArray
    {
        public long Length;
        public long NullCount;
        public long Offset;
        public long BufferCount;
        public long ChildCount;
        public void** Buffers;
        public ArrowArray** Children;
        public ArrowArray* Dictionary;
        public delegate* unmanaged<ArrowArray*, void> Release;
        public void* PrivateData;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ArrowArrayStream
    {
        public delegate* unmanaged<ArrowArrayStream*, CArrowSchema*, int> GetSchema;
        public delegate* unmanaged<ArrowArrayStream*, ArrowArray*, int> GetNext;
        public delegate* unmanaged<ArrowArrayStream*, byte*> GetLastError;
        public delegate* unmanaged<ArrowArrayStream*, void> Release;
        public void* PrivateData;
    }

    private static readonly FieldInfo HandleField = typeof(FileReader).GetField("_handle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("ParquetSharp.Arrow.FileReader has no _handle field");

    private static readonly Lazy<IntPtr> GetRecordBatchReaderExport = new(() =>
        NativeLibrary.GetExport(NativeLibrary.Load("ParquetSharpNative", typeof(FileReader).Assembly, null), "FileReader_GetRecordBatchReader"));

    private static readonly MethodInfo CheckException = typeof(FileReader).Assembly.GetType("ParquetSharp.ExceptionInfo")!
        .GetMethod("Check", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(IntPtr)])!;

    private ArrowArrayStream* _stream;

    /// <summary>The batch lent by <see cref="NextBorrowed"/>, released by the next call or by Dispose.</summary>
    private ArrowArray* _borrowed;

    public NativeRecordBatchStream(FileReader reader, int[] rowGroups, int[] columns)
    {
        var handle = HandleField.GetValue(reader)!;
        var native = (IntPtr)handle.GetType().GetProperty("IntPtr", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(handle)!;
        _stream = (ArrowArrayStream*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArrayStream));
        var function = (delegate* unmanaged<IntPtr, int*, int, int*, int, ArrowArrayStream*, IntPtr>)GetRecordBatchReaderExport.Value;
        IntPtr exception;
        fixed (int* groups = rowGroups)
        {
            fixed (int* cols = columns)
            {
                exception = function(native, groups, rowGroups.Length, cols, columns.Length, _stream);
            }
        }

        GC.KeepAlive(reader);
        if (exception != IntPtr.Zero)
        {
            NativeMemory.Free(_stream);
            _stream = null;
            try
            {
                CheckException.Invoke(null, [exception]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }

            throw new InvalidOperationException("the Parquet reader failed without a message");
        }

        var schema = CArrowSchema.Create();
        try
        {
            Check(_stream->GetSchema(_stream, schema));
            Schema = CArrowSchemaImporter.ImportSchema(schema);
        }
        finally
        {
            CArrowSchema.Free(schema);
        }
    }

    public Schema Schema { get; }

    /// <summary>The next batch in managed memory, or null at the end.</summary>
    public RecordBatch? Next()
    {
        ReleaseBorrowed();
        ArrowArray array = default;
        Check(_stream->GetNext(_stream, &array));
        if (array.Release == null)
        {
            return null;
        }

        try
        {
            return Import(&array, borrow: false);
        }
        finally
        {
            array.Release(&array);
        }
    }

    /// <summary>
    /// The next batch, or null at the end, with buffers in the reader's memory: valid only until the next call to
    /// Next, NextBorrowed or Dispose. Nothing of it may outlive that: <see cref="Detach(RecordBatch)"/> what is kept.
    /// </summary>
    public RecordBatch? NextBorrowed()
    {
        ReleaseBorrowed();
        var array = (ArrowArray*)NativeMemory.AllocZeroed((nuint)sizeof(ArrowArray));
        try
        {
            Check(_stream->GetNext(_stream, array));
        }
        catch
        {
            NativeMemory.Free(array);
            throw;
        }

        if (array->Release == null)
        {
            NativeMemory.Free(array);
            return null;
        }

        _borrowed = array;
        return Import(array, borrow: true);
    }

    /// <summary>
    /// The batch with every column that still lies in the reader's memory copied into managed memory; columns
    /// already managed (taken, converted, constants) are kept as they are.
    /// </summary>
    public static RecordBatch Detach(RecordBatch batch)
    {
        IArrowArray[]? columns = null;
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var column = batch.Column(c);
            if (IsBorrowed(column.Data))
            {
                columns ??= batch.Arrays.ToArray();
                columns[c] = ArrowArrayFactory.BuildArray(CopyData(column.Data));
            }
        }

        return columns is null ? batch : new RecordBatch(batch.Schema, columns, batch.Length);
    }

    private static bool IsBorrowed(ArrayData data)
    {
        foreach (var buffer in data.Buffers)
        {
            if (MemoryMarshal.TryGetMemoryManager<byte, NativeMemoryManager>(buffer.Memory, out _))
            {
                return true;
            }
        }

        if (data.Dictionary is { } dictionary && IsBorrowed(dictionary))
        {
            return true;
        }

        foreach (var child in data.Children ?? [])
        {
            if (IsBorrowed(child))
            {
                return true;
            }
        }

        return false;
    }

    private static ArrayData CopyData(ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (var i = 0; i < buffers.Length; i++)
        {
            var buffer = data.Buffers[i];
            buffers[i] = buffer.IsEmpty ? ArrowBuffer.Empty : new ArrowBuffer(buffer.Span.ToArray());
        }

        var children = data.Children?.Select(CopyData).ToArray();
        var dictionary = data.Dictionary is null ? null : CopyData(data.Dictionary);
        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, children, dictionary);
    }

    private void ReleaseBorrowed()
    {
        if (_borrowed != null)
        {
            _borrowed->Release(_borrowed);
            NativeMemory.Free(_borrowed);
            _borrowed = null;
        }
    }

    private RecordBatch Import(ArrowArray* array, bool borrow)
    {
        var fields = Schema.FieldsList;
        var columns = new IArrowArray[fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            // A column shorter than its batch (its pages hold fewer values than the footer's rows) would be read past its end.
            if (array->Children[i]->Length != array->Length)
            {
                throw new IOException($"column \"{fields[i].Name}\" has {array->Children[i]->Length} values in a batch of {array->Length} rows");
            }

            columns[i] = ArrowArrayFactory.BuildArray(Import(array->Children[i], fields[i].DataType, borrow));
        }

        return new RecordBatch(Schema, columns, checked((int)array->Length));
    }

    private void Check(int errno)
    {
        if (errno == 0)
        {
            return;
        }

        var message = _stream->GetLastError(_stream);
        throw new IOException(message == null ? $"Parquet reader error {errno}" : Marshal.PtrToStringUTF8((IntPtr)message) ?? $"Parquet reader error {errno}");
    }

    private static ArrayData Import(ArrowArray* array, IArrowType type, bool borrow)
    {
        var length = checked((int)array->Length);
        var offset = checked((int)array->Offset);
        var end = offset + length;
        ArrowBuffer Bytes(int index, long count) =>
            count <= 0 || array->Buffers[index] == null ? ArrowBuffer.Empty
            : borrow ? new ArrowBuffer(new NativeMemoryManager((byte*)array->Buffers[index], checked((int)count)).Memory)
            : new ArrowBuffer(new ReadOnlySpan<byte>(array->Buffers[index], checked((int)count)).ToArray());

        // A column without nulls needs no validity bitmap, even when the reader allocated one.
        var validity = array->BufferCount > 0 && array->Buffers[0] != null && array->NullCount != 0 ? Bytes(0, (end + 7) / 8) : ArrowBuffer.Empty;
        var nullCount = validity.IsEmpty ? 0 : array->NullCount >= 0 ? (int)array->NullCount : CountNulls(validity.Span, offset, length);
        ArrowBuffer[] buffers;
        ArrayData? dictionary = null;
        switch (type)
        {
            case NullType:
                return new ArrayData(type, length, length, 0, []);
            case BooleanType:
                buffers = [validity, Bytes(1, (end + 7) / 8)];
                break;
            case StringType or BinaryType:
            {
                var offsets = (int*)array->Buffers[1];
                buffers = [validity, Bytes(1, (end + 1) * 4L), Bytes(2, offsets == null ? 0 : offsets[end])];
                break;
            }

            case LargeStringType or LargeBinaryType:
            {
                var offsets = (long*)array->Buffers[1];
                buffers = [validity, Bytes(1, (end + 1) * 8L), Bytes(2, offsets == null ? 0 : offsets[end])];
                break;
            }

            case DictionaryType dictionaryType:
                buffers = [validity, Bytes(1, (long)end * ((FixedWidthType)dictionaryType.IndexType).BitWidth / 8)];
                dictionary = Import(array->Dictionary, dictionaryType.ValueType, borrow);
                break;
            case FixedWidthType fixedWidth:
                buffers = [validity, Bytes(1, ((long)end * fixedWidth.BitWidth + 7) / 8)];
                break;
            default:
                throw new FederationException(ErrorCode.NotSupported, $"reading {type.Name} columns from Parquet is not supported");
        }

        return new ArrayData(type, length, nullCount, offset, buffers, null, dictionary);
    }

    private static int CountNulls(ReadOnlySpan<byte> bits, int offset, int length)
    {
        var valid = 0;
        for (var i = offset; i < offset + length; i++)
        {
            valid += (bits[i >> 3] >> (i & 7)) & 1;
        }

        return length - valid;
    }

    public void Dispose()
    {
        ReleaseBorrowed();
        if (_stream != null)
        {
            if (_stream->Release != null)
            {
                _stream->Release(_stream);
            }

            NativeMemory.Free(_stream);
            _stream = null;
        }
    }
}
