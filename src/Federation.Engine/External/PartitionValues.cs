using Federation.Catalog.Metastore;
using Federation.Common;
using Federation.Common.Types;
using Federation.Logical.Tables;
using Federation.Storage;

namespace Federation.Engine.External;

/// <summary>Partition values are text in the metastore and in folder names; here they become values of the partition columns' types.</summary>
internal static class PartitionValues
{
    /// <summary>The typed value of one partition key; text that is not a value of the column's type is an error naming both.</summary>
    public static ScalarValue Parse(string? text, TableColumn column, string table)
    {
        if (text is null)
        {
            return ScalarValue.NullOf(column.Type);
        }

        if (!ValueParser.TryParse(text, column.Type, out var value, out _))
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                $"invalid partition value '{text}' for partition column \"{column.Name}\" of table {table}: it is not a {column.Type}");
        }

        return new ScalarValue(column.Type, value);
    }

    /// <summary>The text the metastore keeps for a value: the value's canonical form (so '2024-1-1' and '2024-01-01' are one partition), null for NULL.</summary>
    public static string? Canonical(string? text, TableColumn column, string table)
    {
        if (text is null or PartitionNames.DefaultPartition)
        {
            return null;
        }

        var value = Parse(text, column, table);
        return value.Value is null ? null : ValueFormatter.Format(column.Type, value.Value);
    }
}
