using Federation.Common;
using Federation.Common.Types;
using Federation.Functions;
using Federation.Logical;
using Federation.Logical.Expressions;
using Federation.Logical.Plans;
using Federation.Logical.Tables;
using Google.Protobuf;
using Proto = Federation.Exchange.Protocol;

namespace Federation.Exchange;

/// <summary>
/// <see cref="ScanFragment"/> to and from bytes (Fragment.proto's ScanFragment). Decoding checks that the fragment
/// holds together (indexes in range, one partition value per partition column, filters over the scan's columns)
/// so that a bad fragment is refused with a reason before any object is read.
/// </summary>
public static class FragmentCodec
{
    /// <summary>
    /// How deep messages may nest: filters are trees, and an OR of a few hundred terms is as deep as it is long.
    /// Protobuf's default of 100 would refuse those; the bytes are authenticated before they are decoded.
    /// </summary>
    private const int RecursionLimit = 4096;

    public static byte[] Encode(ScanFragment fragment)
    {
        Validate(fragment);
        var message = new Proto.ScanFragment
        {
            Version = fragment.Version,
            Id = fragment.Id,
            Table = fragment.Table,
            Format = fragment.Format,
            DataColumns = (uint)fragment.DataColumns,
            StatementTimestampMicros = fragment.StatementTimestampMicros,
            SkipPageChecksums = !fragment.VerifyPageChecksums,
            TimeZone = ReferenceEquals(fragment.TimeZone, SessionTimeZone.Utc) ? string.Empty : fragment.TimeZone.Name,
            SpectrumQueryMaxerror = fragment.SpectrumQueryMaxError,
        };
        foreach (var (name, value) in fragment.FormatProperties)
        {
            message.FormatProperties[name] = value;
        }

        foreach (var column in fragment.TableColumns)
        {
            message.TableColumns.Add(new Proto.TableColumn
            {
                Name = column.Name, Type = ValueCodec.Encode(column.Type), Nullable = column.Nullable, Hidden = column.Hidden,
            });
        }

        foreach (var file in fragment.Objects)
        {
            message.Objects.Add(Encode(file));
        }

        foreach (var column in fragment.Columns)
        {
            message.Columns.Add(new Proto.ScanColumn
            {
                SourceIndex = (uint)column.SourceIndex,
                Id = column.Column.Id,
                Name = column.Column.Name,
                Type = ValueCodec.Encode(column.Column.Type),
                Nullable = column.Column.Nullable,
            });
        }

        foreach (var index in fragment.Output)
        {
            message.Output.Add((uint)index);
        }

        foreach (var filter in fragment.Filters)
        {
            message.Filters.Add(ExprCodec.Encode(filter));
        }

        if (fragment.Limit is { } limit)
        {
            message.Limit = limit;
        }

        if (fragment.Aggregate is { } aggregate)
        {
            message.Aggregate = AggregateCodec.Encode(aggregate);
        }

        return message.ToByteArray();
    }

    /// <summary>Decodes and checks a fragment; functions are found in <paramref name="functions"/> (the built-ins by default).</summary>
    public static ScanFragment Decode(ReadOnlySpan<byte> bytes, FunctionRegistry? functions = null)
    {
        functions ??= FunctionRegistry.Default;
        Proto.ScanFragment message;
        try
        {
            message = new Proto.ScanFragment();
            message.MergeFrom(CodedInputStream.CreateWithLimits(new MemoryStream(bytes.ToArray(), writable: false), bytes.Length + 1, RecursionLimit));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed(e.Message);
        }

        if (message.Version == 1 && message.Aggregate is not null)
        {
            throw Malformed("a version 1 fragment has no partial aggregate");
        }

        if (message.Version is 0 or > ScanFragment.CurrentVersion)
        {
            throw new FederationException(ErrorCode.NotSupported,
                $"scan fragment version {message.Version} cannot be run by this worker, which runs version {ScanFragment.CurrentVersion} (coordinator and worker builds differ)");
        }

        var tableColumns = new TableColumn[message.TableColumns.Count];
        for (var i = 0; i < tableColumns.Length; i++)
        {
            var column = message.TableColumns[i];
            tableColumns[i] = new TableColumn(column.Name, ValueCodec.Decode(column.Type), column.Nullable, column.Hidden);
        }

        var objects = new FragmentObject[message.Objects.Count];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = Decode(message.Objects[i]);
        }

        var columns = new ScanColumn[message.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = message.Columns[i];
            columns[i] = new ScanColumn((int)column.SourceIndex, new PlanColumn(column.Id, column.Name, ValueCodec.Decode(column.Type), column.Nullable));
        }

        var output = new int[message.Output.Count];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (int)message.Output[i];
        }

        var filters = new Expr[message.Filters.Count];
        for (var i = 0; i < filters.Length; i++)
        {
            filters[i] = ExprCodec.Decode(message.Filters[i], functions);
        }

        var aggregate = message.Aggregate is null ? null : AggregateCodec.Decode(message.Aggregate, filters, functions);
        var fragment = new ScanFragment(message.Id, message.Table, message.Format, new Dictionary<string, string>(message.FormatProperties, StringComparer.Ordinal),
            tableColumns, (int)message.DataColumns, objects, columns, output, filters, message.HasLimit ? message.Limit : null, message.StatementTimestampMicros,
            aggregate)
        {
            VerifyPageChecksums = !message.SkipPageChecksums,
            TimeZone = message.TimeZone.Length == 0 ? SessionTimeZone.Utc : SessionTimeZone.ParseSetting(message.TimeZone),
            SpectrumQueryMaxError = message.SpectrumQueryMaxerror,
        };
        Validate(fragment);
        return fragment;
    }

    private static Proto.FragmentObject Encode(FragmentObject file)
    {
        var message = new Proto.FragmentObject
        {
            StoreUrl = file.StoreUrl,
            Key = file.Key,
            Size = file.Size,
            Etag = file.ETag ?? string.Empty,
            LastModifiedMs = file.LastModified.ToUnixTimeMilliseconds(),
        };
        foreach (var value in file.PartitionValues)
        {
            message.PartitionValues.Add(ValueCodec.Encode(value));
        }

        if (file.RowGroups is { } rowGroups)
        {
            message.RowGroups = new Proto.RowGroups();
            foreach (var g in rowGroups)
            {
                message.RowGroups.Indices.Add((uint)g);
            }
        }

        return message;
    }

    private static FragmentObject Decode(Proto.FragmentObject file)
    {
        var values = new Common.Types.ScalarValue[file.PartitionValues.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ValueCodec.Decode(file.PartitionValues[i]);
        }

        int[]? rowGroups = null;
        if (file.PartCase == Proto.FragmentObject.PartOneofCase.RowGroups)
        {
            rowGroups = new int[file.RowGroups.Indices.Count];
            for (var i = 0; i < rowGroups.Length; i++)
            {
                rowGroups[i] = (int)file.RowGroups.Indices[i];
            }
        }

        return new FragmentObject(file.StoreUrl, file.Key, file.Size, file.Etag.Length == 0 ? null : file.Etag,
            DateTimeOffset.FromUnixTimeMilliseconds(file.LastModifiedMs), values, rowGroups);
    }

    /// <summary>The checks a worker relies on; the coordinator runs them too, so it never sends what a worker refuses.</summary>
    private static void Validate(ScanFragment fragment)
    {
        if (fragment.DataColumns < 0 || fragment.DataColumns > fragment.TableColumns.Count)
        {
            throw Malformed($"{fragment.DataColumns} data columns of {fragment.TableColumns.Count}");
        }

        var constants = fragment.TableColumns.Count - fragment.DataColumns;
        foreach (var file in fragment.Objects)
        {
            if (file.PartitionValues.Count != constants)
            {
                throw Malformed($"{file.Name} has {file.PartitionValues.Count} partition values for {constants} partition columns");
            }

            if (file.RowGroups is { } groups)
            {
                for (var i = 0; i < groups.Count; i++)
                {
                    if (groups[i] < 0 || (i > 0 && groups[i] <= groups[i - 1]))
                    {
                        throw Malformed($"the row groups of {file.Name} are not distinct, ascending indexes");
                    }
                }
            }
        }

        var ids = new HashSet<int>();
        foreach (var column in fragment.Columns)
        {
            if (column.SourceIndex < 0 || column.SourceIndex >= fragment.TableColumns.Count)
            {
                throw Malformed($"column {column.Column.Name} reads table column {column.SourceIndex} of {fragment.TableColumns.Count}");
            }

            ids.Add(column.Column.Id);
        }

        foreach (var index in fragment.Output)
        {
            if (index < 0 || index >= fragment.Columns.Count)
            {
                throw Malformed($"output column {index} of {fragment.Columns.Count}");
            }
        }

        foreach (var filter in fragment.Filters)
        {
            if (filter.Type.Kind != Common.Types.TypeKind.Boolean)
            {
                throw Malformed($"filter {filter} is not boolean");
            }

            ReadsScanColumns(filter, ids, "filter");
        }

        if (fragment.Limit is < 0)
        {
            throw Malformed($"limit {fragment.Limit}");
        }

        if (fragment.Aggregate is { } aggregate)
        {
            if (fragment.Output.Count > 0 || fragment.Limit is not null)
            {
                throw Malformed("a fragment with a partial aggregate returns the aggregate's columns: it has no output columns and no limit");
            }

            if (!SameExprs(aggregate.Filters, fragment.Filters))
            {
                throw Malformed("the partial aggregate's filters are not the fragment's");
            }

            foreach (var group in aggregate.GroupBy)
            {
                ReadsScanColumns(group, ids, "group key");
            }

            foreach (var call in aggregate.Aggregates)
            {
                if (call.Distinct || call.OrderBy.Count > 0 || !call.Binding.SupportsPartial)
                {
                    throw Malformed($"aggregate {call} has no partial state");
                }

                ReadsScanColumns(call, ids, "aggregate");
            }
        }
    }

    private static bool SameExprs(IReadOnlyList<Expr> left, IReadOnlyList<Expr> right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (ExprKey.Of(left[i]) != ExprKey.Of(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void ReadsScanColumns(Expr expr, HashSet<int> ids, string what)
    {
        foreach (var id in ExprVisitor.ColumnIds(expr))
        {
            if (!ids.Contains(id))
            {
                throw Malformed($"{what} {expr} reads a column (#{id}) the scan does not read");
            }
        }
    }

    internal static FederationException Malformed(string reason) => new(ErrorCode.InvalidArgument, "malformed scan fragment: " + reason);
}
