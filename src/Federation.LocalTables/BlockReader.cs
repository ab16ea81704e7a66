using System.Buffers.Binary;
using Federation.Common;

namespace Federation.LocalTables;

/// <summary>Reads a block's fields in order; running past the end is a corrupt block, named by its file.</summary>
internal ref struct BlockReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _file;
    private int _position;

    public BlockReader(ReadOnlySpan<byte> data, string file)
    {
        _data = data;
        _file = file;
        _position = 0;
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw Corrupt(_file, "a block ends early");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte Byte() => Take(1)[0];

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public static FederationException Corrupt(string file, string why) =>
        new(ErrorCode.CorruptObject, $"local table block file \"{file}\" is corrupt: {why}");
}
