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
        ArrowArray array = default;
        Check(_stream->GetNext(_stream, &array));
        if (array.Release == null)
        {
            return null;
        }

        try
        {
            var fields = Schema.FieldsList;
            var columns = new IArrowArray[fields.Count];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = ArrowArrayFactory.BuildArray(Copy(array.Children[i], fields[i].DataType));
            }

            return new RecordBatch(Schema, columns, checked((int)array.Length));
        }
        finally
        {
            array.Release(&array);
        }
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

    private static ArrayData Copy(ArrowArray* array, IArrowType type)
    {
        var length = checked((int)array->Length);
        var offset = checked((int)array->Offset);
        var end = offset + length;
        ArrowBuffer Bytes(int index, long count) =>
            count <= 0 || array->Buffers[index] == null ? ArrowBuffer.Empty : new ArrowBuffer(new ReadOnlySpan<byte>(array->Buffers[index], checked((int)count)).ToArray());

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
                dictionary = Copy(array->Dictionary, dictionaryType.ValueType);
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
