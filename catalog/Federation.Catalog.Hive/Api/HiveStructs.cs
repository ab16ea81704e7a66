using Federation.Catalog.Hive.Thrift;

namespace Federation.Catalog.Hive.Api;

/// <summary>
/// Encodes and decodes the metastore structs with the field ids and types of Hive's hive_metastore.thrift. Readers
/// skip fields they do not know (and fields of an unexpected type), so newer metastores' additions do no harm.
/// </summary>
public static class HiveStructs
{
    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.Ordinal);

    public static void Write(ThriftWriter w, HiveFieldSchema field)
    {
        w.StringField(1, field.Name);
        w.StringField(2, field.Type);
        w.StringField(3, field.Comment);
        w.FieldStop();
    }

    public static HiveFieldSchema ReadFieldSchema(ThriftReader r)
    {
        string name = "", type = "";
        string? comment = null;
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.String): name = r.String(); break;
                case (2, ThriftType.String): type = r.String(); break;
                case (3, ThriftType.String): comment = r.String(); break;
                default: r.Skip(t); break;
            }
        }

        return new HiveFieldSchema(name, type, comment);
    }

    public static void Write(ThriftWriter w, HiveSerDeInfo serde)
    {
        w.StringField(1, serde.Name);
        w.StringField(2, serde.SerializationLib);
        w.StringMapField(3, serde.Parameters);
        w.FieldStop();
    }

    public static HiveSerDeInfo ReadSerDeInfo(ThriftReader r)
    {
        string? name = null, library = null;
        IReadOnlyDictionary<string, string> parameters = NoParameters;
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.String): name = r.String(); break;
                case (2, ThriftType.String): library = r.String(); break;
                case (3, ThriftType.Map): parameters = r.StringMap(); break;
                default: r.Skip(t); break;
            }
        }

        return new HiveSerDeInfo(name, library, parameters);
    }

    public static void Write(ThriftWriter w, HiveStorageDescriptor sd)
    {
        WriteFieldList(w, 1, sd.Columns);
        w.StringField(2, sd.Location);
        w.StringField(3, sd.InputFormat);
        w.StringField(4, sd.OutputFormat);
        w.BoolField(5, sd.Compressed);
        w.I32Field(6, sd.NumBuckets);
        if (sd.SerDe is { } serde)
        {
            w.FieldBegin(ThriftType.Struct, 7);
            Write(w, serde);
        }

        w.StringListField(8, sd.BucketColumns);
        w.FieldBegin(ThriftType.List, 9);
        w.ListBegin(ThriftType.Struct, 0);
        w.StringMapField(10, sd.Parameters);
        w.FieldStop();
    }

    public static HiveStorageDescriptor ReadStorageDescriptor(ThriftReader r)
    {
        IReadOnlyList<HiveFieldSchema> columns = [];
        string? location = null, input = null, output = null;
        HiveSerDeInfo? serde = null;
        IReadOnlyDictionary<string, string> parameters = NoParameters;
        var compressed = false;
        var buckets = -1;
        IReadOnlyList<string> bucketColumns = [];
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.List): columns = ReadFieldList(r); break;
                case (2, ThriftType.String): location = r.String(); break;
                case (3, ThriftType.String): input = r.String(); break;
                case (4, ThriftType.String): output = r.String(); break;
                case (5, ThriftType.Bool): compressed = r.Bool(); break;
                case (6, ThriftType.I32): buckets = r.I32(); break;
                case (7, ThriftType.Struct): serde = ReadSerDeInfo(r); break;
                case (8, ThriftType.List): bucketColumns = r.StringList(); break;
                case (10, ThriftType.Map): parameters = r.StringMap(); break;
                default: r.Skip(t); break;
            }
        }

        return new HiveStorageDescriptor(columns, location, input, output, serde, parameters)
        {
            Compressed = compressed,
            NumBuckets = buckets,
            BucketColumns = bucketColumns,
        };
    }

    public static void Write(ThriftWriter w, HiveTable table)
    {
        w.StringField(1, table.TableName);
        w.StringField(2, table.DbName);
        w.StringField(3, table.Owner);
        w.I32Field(4, table.CreateTime);
        w.I32Field(5, table.LastAccessTime);
        w.I32Field(6, table.Retention);
        if (table.StorageDescriptor is { } sd)
        {
            w.FieldBegin(ThriftType.Struct, 7);
            Write(w, sd);
        }

        WriteFieldList(w, 8, table.PartitionKeys);
        w.StringMapField(9, table.Parameters);
        w.StringField(12, table.TableType);
        w.FieldStop();
    }

    public static HiveTable ReadTable(ThriftReader r)
    {
        string name = "", database = "";
        string? owner = null, tableType = null;
        int created = 0, accessed = 0, retention = 0;
        HiveStorageDescriptor? sd = null;
        IReadOnlyList<HiveFieldSchema> keys = [];
        IReadOnlyDictionary<string, string> parameters = NoParameters;
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.String): name = r.String(); break;
                case (2, ThriftType.String): database = r.String(); break;
                case (3, ThriftType.String): owner = r.String(); break;
                case (4, ThriftType.I32): created = r.I32(); break;
                case (5, ThriftType.I32): accessed = r.I32(); break;
                case (6, ThriftType.I32): retention = r.I32(); break;
                case (7, ThriftType.Struct): sd = ReadStorageDescriptor(r); break;
                case (8, ThriftType.List): keys = ReadFieldList(r); break;
                case (9, ThriftType.Map): parameters = r.StringMap(); break;
                case (12, ThriftType.String): tableType = r.String(); break;
                default: r.Skip(t); break;
            }
        }

        return new HiveTable(name, database, sd, keys, parameters)
        {
            Owner = owner,
            CreateTime = created,
            LastAccessTime = accessed,
            Retention = retention,
            TableType = tableType,
        };
    }

    public static void Write(ThriftWriter w, HivePartition partition)
    {
        w.StringListField(1, partition.Values);
        w.StringField(2, partition.DbName);
        w.StringField(3, partition.TableName);
        w.I32Field(4, partition.CreateTime);
        w.I32Field(5, partition.LastAccessTime);
        if (partition.StorageDescriptor is { } sd)
        {
            w.FieldBegin(ThriftType.Struct, 6);
            Write(w, sd);
        }

        w.StringMapField(7, partition.Parameters);
        w.FieldStop();
    }

    public static HivePartition ReadPartition(ThriftReader r)
    {
        IReadOnlyList<string> values = [];
        string database = "", table = "";
        int created = 0, accessed = 0;
        HiveStorageDescriptor? sd = null;
        IReadOnlyDictionary<string, string> parameters = NoParameters;
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.List): values = r.StringList(); break;
                case (2, ThriftType.String): database = r.String(); break;
                case (3, ThriftType.String): table = r.String(); break;
                case (4, ThriftType.I32): created = r.I32(); break;
                case (5, ThriftType.I32): accessed = r.I32(); break;
                case (6, ThriftType.Struct): sd = ReadStorageDescriptor(r); break;
                case (7, ThriftType.Map): parameters = r.StringMap(); break;
                default: r.Skip(t); break;
            }
        }

        return new HivePartition(values, database, table, sd, parameters) { CreateTime = created, LastAccessTime = accessed };
    }

    public static void Write(ThriftWriter w, HiveDatabase database)
    {
        w.StringField(1, database.Name);
        w.StringField(2, database.Description);
        w.StringField(3, database.LocationUri);
        w.StringMapField(4, database.Parameters);
        w.StringField(6, database.OwnerName);
        w.FieldStop();
    }

    public static HiveDatabase ReadDatabase(ThriftReader r)
    {
        string name = "";
        string? description = null, location = null, owner = null;
        IReadOnlyDictionary<string, string> parameters = NoParameters;
        while (r.FieldBegin() is var (t, id) && t != ThriftType.Stop)
        {
            switch (id, t)
            {
                case (1, ThriftType.String): name = r.String(); break;
                case (2, ThriftType.String): description = r.String(); break;
                case (3, ThriftType.String): location = r.String(); break;
                case (4, ThriftType.Map): parameters = r.StringMap(); break;
                case (6, ThriftType.String): owner = r.String(); break;
                default: r.Skip(t); break;
            }
        }

        return new HiveDatabase(name, description, location, parameters) { OwnerName = owner };
    }

    public static List<HivePartition> ReadPartitionList(ThriftReader r)
    {
        var (element, count) = r.ListBegin();
        var partitions = new List<HivePartition>(count);
        for (var i = 0; i < count; i++)
        {
            partitions.Add(element == ThriftType.Struct ? ReadPartition(r) : throw new ThriftProtocolException($"a list of {element} where partitions were expected"));
        }

        return partitions;
    }

    public static void WritePartitionList(ThriftWriter w, short id, IReadOnlyList<HivePartition> partitions)
    {
        w.FieldBegin(ThriftType.List, id);
        w.ListBegin(ThriftType.Struct, partitions.Count);
        foreach (var partition in partitions)
        {
            Write(w, partition);
        }
    }

    private static void WriteFieldList(ThriftWriter w, short id, IReadOnlyList<HiveFieldSchema> fields)
    {
        w.FieldBegin(ThriftType.List, id);
        w.ListBegin(ThriftType.Struct, fields.Count);
        foreach (var field in fields)
        {
            Write(w, field);
        }
    }

    private static List<HiveFieldSchema> ReadFieldList(ThriftReader r)
    {
        var (element, count) = r.ListBegin();
        var fields = new List<HiveFieldSchema>(count);
        for (var i = 0; i < count; i++)
        {
            fields.Add(element == ThriftType.Struct ? ReadFieldSchema(r) : throw new ThriftProtocolException($"a list of {element} where columns were expected"));
        }

        return fields;
    }
}
