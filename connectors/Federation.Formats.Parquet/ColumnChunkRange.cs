using System.Reflection;
using System.Runtime.InteropServices;
using ParquetSharp;

namespace Federation.Formats.Parquet;

/// <summary>
/// Where a column chunk's bytes are in its file: from the dictionary page (if any) for TotalCompressedSize bytes.
/// ParquetSharp exposes the chunk's size but not its page offsets, so they are read from the native
/// parquet::ColumnChunkMetaData that its handle points to, through the C++ accessors the native library exports
/// (non-virtual const members: the object pointer is their only argument), as NativeRecordBatchStream does for
/// the record batch reader.
/// </summary>
internal static unsafe class ColumnChunkRange
{
    private static readonly FieldInfo HandleField = typeof(ColumnChunkMetaData).GetField("_handle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("ParquetSharp.ColumnChunkMetaData has no _handle field");

    private static readonly Lazy<(IntPtr DataPage, IntPtr DictionaryPage, IntPtr HasDictionary)> Exports = new(() =>
    {
        var library = NativeLibrary.Load("ParquetSharpNative", typeof(ColumnChunkMetaData).Assembly, null);
        return (NativeLibrary.GetExport(library, "_ZNK7parquet19ColumnChunkMetaData16data_page_offsetEv"),
            NativeLibrary.GetExport(library, "_ZNK7parquet19ColumnChunkMetaData22dictionary_page_offsetEv"),
            NativeLibrary.GetExport(library, "_ZNK7parquet19ColumnChunkMetaData19has_dictionary_pageEv"));
    });

    public static (long Offset, long Length) Of(ColumnChunkMetaData chunk)
    {
        var handle = HandleField.GetValue(chunk)!;
        var native = handle as IntPtr? ?? (IntPtr)handle.GetType().GetProperty("IntPtr", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(handle)!;
        var (dataPage, dictionaryPage, hasDictionary) = Exports.Value;
        var offset = ((delegate* unmanaged<IntPtr, long>)dataPage)(native);
        if (((delegate* unmanaged<IntPtr, byte>)hasDictionary)(native) != 0)
        {
            var dictionary = ((delegate* unmanaged<IntPtr, long>)dictionaryPage)(native);
            // Some writers record a dictionary offset of 0; the data page offset is then the start.
            if (dictionary > 0 && dictionary < offset)
            {
                offset = dictionary;
            }
        }

        GC.KeepAlive(chunk);
        return (offset, chunk.TotalCompressedSize);
    }
}
