namespace Federation.Catalog.Metastore;

/// <summary>A column of a metastore table: its name and its type as the DDL wrote it ("int", "decimal(8,2)", "varchar(40)").</summary>
public sealed record MetastoreColumn(string Name, string Type);
