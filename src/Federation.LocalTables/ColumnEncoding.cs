using Federation.Common;
using Federation.Common.Types;

namespace Federation.LocalTables;

/// <summary>
/// What a column's ENCODE attribute asks of its blocks, in Redshift's names: RAW stores values plain and
/// uncompressed; AZ64 (our best integer encoding) and ZSTD/LZO keep the per-block choice under the general
/// compressor, as does leaving it out; BYTEDICT/TEXT255/TEXT32K force a dictionary, RUNLENGTH runs, DELTA/DELTA32K
/// and MOSTLY8/16/32 frame-of-reference bit-packing (the closest we have: a block's values as offsets from its
/// minimum). A forced layout a block cannot take (a dictionary past 65,536 values, bit-packing of doubles) falls
/// back to plain for that block.
/// </summary>
public sealed record ColumnEncoding(string Name, BlockEncoding? Layout, bool Compress)
{
    public static readonly ColumnEncoding Automatic = new("auto", null, true);

    /// <summary>The encoding named by ENCODE for a column of <paramref name="type"/>; an unknown name is an error naming the column.</summary>
    public static ColumnEncoding Parse(string name, string column, SqlType type)
    {
        var encoding = name.ToLowerInvariant() switch
        {
            "raw" => new ColumnEncoding("raw", BlockEncoding.Plain, false),
            "az64" => new ColumnEncoding("az64", null, true),
            "zstd" => new ColumnEncoding("zstd", BlockEncoding.Plain, true),
            "lzo" => new ColumnEncoding("lzo", BlockEncoding.Plain, true),
            "bytedict" or "text255" or "text32k" => new ColumnEncoding(name.ToLowerInvariant(), BlockEncoding.Dictionary, true),
            "runlength" => new ColumnEncoding("runlength", BlockEncoding.RunLength, true),
            "delta" or "delta32k" or "mostly8" or "mostly16" or "mostly32" => new ColumnEncoding(name.ToLowerInvariant(), BlockEncoding.FrameOfReference, true),
            "auto" => Automatic,
            _ => throw new FederationException(ErrorCode.InvalidArgument,
                $"column \"{column}\": unknown compression encoding \"{name}\" (RAW, AZ64, BYTEDICT, DELTA, DELTA32K, LZO, MOSTLY8, MOSTLY16, MOSTLY32, RUNLENGTH, TEXT255, TEXT32K, ZSTD)"),
        };
        var integral = type.IsInteger || type.Kind is TypeKind.Decimal or TypeKind.Date or TypeKind.Timestamp or TypeKind.TimestampTz;
        if ((encoding.Layout == BlockEncoding.FrameOfReference || encoding.Name == "az64") && !integral)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"column \"{column}\": encoding {name.ToUpperInvariant()} is not valid for type {type}");
        }

        if (encoding.Name is "text255" or "text32k" && type.Kind != TypeKind.String)
        {
            throw new FederationException(ErrorCode.InvalidArgument, $"column \"{column}\": encoding {name.ToUpperInvariant()} is not valid for type {type}");
        }

        return encoding;
    }
}
