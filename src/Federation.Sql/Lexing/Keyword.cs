namespace Federation.Sql.Lexing;

/// <summary>
/// The keywords the lexer recognises. Whether a keyword may also be used as a name is decided by its
/// category (PostgreSQL's four classes, plus Redshift's SYSDATE as reserved); see KeywordTable.
/// </summary>
public enum Keyword
{
    /// <summary>COLLECTION</summary>
    Collection,
    /// <summary>DEFINED</summary>
    Defined,
    /// <summary>ESCAPED</summary>
    Escaped,
    /// <summary>ITEMS</summary>
    Items,
    /// <summary>KEYS</summary>
    Keys,
    /// <summary>MAP</summary>
    Map,
    /// <summary>Not a keyword: an ordinary identifier, or not a word at all.</summary>
    None,

    /// <summary>ADD</summary>
    Add,
    /// <summary>ALL</summary>
    All,
    /// <summary>ALTER</summary>
    Alter,
    /// <summary>ANALYSE</summary>
    Analyse,
    /// <summary>ANALYZE</summary>
    Analyze,
    /// <summary>AND</summary>
    And,
    /// <summary>ANY</summary>
    Any,
    /// <summary>ARRAY</summary>
    Array,
    /// <summary>AS</summary>
    As,
    /// <summary>ASC</summary>
    Asc,
    /// <summary>ASYMMETRIC</summary>
    Asymmetric,
    /// <summary>AT</summary>
    At,
    /// <summary>AUTHORIZATION</summary>
    Authorization,
    /// <summary>AUTO</summary>
    Auto,
    /// <summary>AVRO</summary>
    Avro,
    /// <summary>BACKUP</summary>
    Backup,
    /// <summary>BETWEEN</summary>
    Between,
    /// <summary>BINARY</summary>
    Binary,
    /// <summary>BOTH</summary>
    Both,
    /// <summary>BY</summary>
    By,
    /// <summary>CASCADE</summary>
    Cascade,
    /// <summary>CASE</summary>
    Case,
    /// <summary>CAST</summary>
    Cast,
    /// <summary>CATALOG</summary>
    Catalog,
    /// <summary>CATALOG_ROLE</summary>
    CatalogRole,
    CatalogId,
    /// <summary>CHAR</summary>
    Char,
    /// <summary>CHARACTER</summary>
    Character,
    /// <summary>CHECK</summary>
    Check,
    /// <summary>COLLATE</summary>
    Collate,
    /// <summary>COLLATION</summary>
    Collation,
    /// <summary>COLUMN</summary>
    Column,
    /// <summary>COMPOUND</summary>
    Compound,
    /// <summary>CONCURRENTLY</summary>
    Concurrently,
    /// <summary>CONSTRAINT</summary>
    Constraint,
    /// <summary>CREATE</summary>
    Create,
    /// <summary>CROSS</summary>
    Cross,
    /// <summary>CURRENT</summary>
    Current,
    /// <summary>CURRENT_CATALOG</summary>
    CurrentCatalog,
    /// <summary>CURRENT_DATE</summary>
    CurrentDate,
    /// <summary>CURRENT_ROLE</summary>
    CurrentRole,
    /// <summary>CURRENT_SCHEMA</summary>
    CurrentSchema,
    /// <summary>CURRENT_TIME</summary>
    CurrentTime,
    /// <summary>CURRENT_TIMESTAMP</summary>
    CurrentTimestamp,
    /// <summary>CURRENT_USER</summary>
    CurrentUser,
    /// <summary>DATA</summary>
    Data,
    /// <summary>DATABASE</summary>
    Database,
    /// <summary>DAY</summary>
    Day,
    /// <summary>DEFAULT</summary>
    Default,
    /// <summary>DEFERRABLE</summary>
    Deferrable,
    /// <summary>DELIMITED</summary>
    Delimited,
    /// <summary>DESC</summary>
    Desc,
    /// <summary>DISTINCT</summary>
    Distinct,
    /// <summary>DISTKEY</summary>
    Distkey,
    /// <summary>DISTSTYLE</summary>
    Diststyle,
    /// <summary>DO</summary>
    Do,
    /// <summary>DOUBLE</summary>
    Double,
    /// <summary>DROP</summary>
    Drop,
    /// <summary>ELSE</summary>
    Else,
    /// <summary>ENCODE</summary>
    Encode,
    /// <summary>END</summary>
    End,
    /// <summary>ESCAPE</summary>
    Escape,
    /// <summary>EXCEPT</summary>
    Except,
    /// <summary>EXCLUDE</summary>
    Exclude,
    /// <summary>EXISTS</summary>
    Exists,
    /// <summary>EXPLAIN</summary>
    Explain,
    /// <summary>EXTERNAL</summary>
    External,
    /// <summary>EXTRACT</summary>
    Extract,
    /// <summary>FALSE</summary>
    False,
    /// <summary>FETCH</summary>
    Fetch,
    /// <summary>FIELDS</summary>
    Fields,
    /// <summary>FILTER</summary>
    Filter,
    /// <summary>FIRST</summary>
    First,
    /// <summary>FOLLOWING</summary>
    Following,
    /// <summary>FOR</summary>
    For,
    /// <summary>FOREIGN</summary>
    Foreign,
    /// <summary>FORMAT</summary>
    Format,
    /// <summary>FREEZE</summary>
    Freeze,
    /// <summary>FROM</summary>
    From,
    /// <summary>FULL</summary>
    Full,
    /// <summary>GRANT</summary>
    Grant,
    /// <summary>GROUP</summary>
    Group,
    /// <summary>GROUPS</summary>
    Groups,
    /// <summary>HAVING</summary>
    Having,
    /// <summary>HIVE</summary>
    Hive,
    /// <summary>HOUR</summary>
    Hour,
    /// <summary>IAM_ROLE</summary>
    IamRole,
    /// <summary>IF</summary>
    If,
    /// <summary>ILIKE</summary>
    Ilike,
    /// <summary>IN</summary>
    In,
    /// <summary>INITIALLY</summary>
    Initially,
    /// <summary>INNER</summary>
    Inner,
    /// <summary>INPUTFORMAT</summary>
    Inputformat,
    /// <summary>INSERT</summary>
    Insert,
    /// <summary>INTERLEAVED</summary>
    Interleaved,
    /// <summary>INTERSECT</summary>
    Intersect,
    /// <summary>INTERVAL</summary>
    Interval,
    /// <summary>INTO</summary>
    Into,
    /// <summary>IS</summary>
    Is,
    /// <summary>ISNULL</summary>
    Isnull,
    /// <summary>JOIN</summary>
    Join,
    /// <summary>JSON</summary>
    Json,
    /// <summary>LAST</summary>
    Last,
    /// <summary>LATERAL</summary>
    Lateral,
    /// <summary>LEADING</summary>
    Leading,
    /// <summary>LEFT</summary>
    Left,
    /// <summary>LIKE</summary>
    Like,
    /// <summary>LIMIT</summary>
    Limit,
    /// <summary>LINES</summary>
    Lines,
    /// <summary>LOCAL</summary>
    Local,
    /// <summary>LOCALTIME</summary>
    Localtime,
    /// <summary>LOCALTIMESTAMP</summary>
    Localtimestamp,
    /// <summary>LOCATION</summary>
    Location,
    /// <summary>MATERIALIZED</summary>
    Materialized,
    /// <summary>METASTORE</summary>
    Metastore,
    /// <summary>MINUTE</summary>
    Minute,
    /// <summary>MONTH</summary>
    Month,
    /// <summary>MSCK</summary>
    Msck,
    /// <summary>NATURAL</summary>
    Natural,
    /// <summary>NEXT</summary>
    Next,
    /// <summary>NO</summary>
    No,
    /// <summary>NOT</summary>
    Not,
    /// <summary>NOTNULL</summary>
    Notnull,
    /// <summary>NULL</summary>
    Null,
    /// <summary>NULLS</summary>
    Nulls,
    /// <summary>OFF</summary>
    Off,
    /// <summary>OFFSET</summary>
    Offset,
    /// <summary>ON</summary>
    On,
    /// <summary>ONLY</summary>
    Only,
    /// <summary>OR</summary>
    Or,
    /// <summary>ORC</summary>
    Orc,
    /// <summary>ORDER</summary>
    Order,
    /// <summary>OUTER</summary>
    Outer,
    /// <summary>OUTPUTFORMAT</summary>
    Outputformat,
    /// <summary>OVER</summary>
    Over,
    /// <summary>OVERLAPS</summary>
    Overlaps,
    /// <summary>PARQUET</summary>
    Parquet,
    /// <summary>PARTITION</summary>
    Partition,
    /// <summary>PARTITIONED</summary>
    Partitioned,
    /// <summary>PARTITIONS</summary>
    Partitions,
    /// <summary>PLACING</summary>
    Placing,
    /// <summary>PORT</summary>
    Port,
    /// <summary>POSITION</summary>
    Position,
    /// <summary>PRECEDING</summary>
    Preceding,
    /// <summary>PRECISION</summary>
    Precision,
    /// <summary>PRIMARY</summary>
    Primary,
    /// <summary>PROPERTIES</summary>
    Properties,
    /// <summary>RANGE</summary>
    Range,
    /// <summary>RCFILE</summary>
    Rcfile,
    /// <summary>RECOVER</summary>
    Recover,
    /// <summary>RECURSIVE</summary>
    Recursive,
    /// <summary>REFERENCES</summary>
    References,
    /// <summary>REFRESH</summary>
    Refresh,
    /// <summary>REGION</summary>
    Region,
    /// <summary>REPAIR</summary>
    Repair,
    /// <summary>RESET</summary>
    Reset,
    /// <summary>RESTRICT</summary>
    Restrict,
    /// <summary>RETURNING</summary>
    Returning,
    /// <summary>RIGHT</summary>
    Right,
    /// <summary>ROW</summary>
    Row,
    /// <summary>ROWS</summary>
    Rows,
    /// <summary>SCHEMA</summary>
    Schema,
    /// <summary>SECOND</summary>
    Second,
    /// <summary>SELECT</summary>
    Select,
    /// <summary>SEQUENCEFILE</summary>
    Sequencefile,
    /// <summary>SERDE</summary>
    Serde,
    /// <summary>SERDEPROPERTIES</summary>
    Serdeproperties,
    /// <summary>SESSION</summary>
    Session,
    /// <summary>SESSION_USER</summary>
    SessionUser,
    /// <summary>SET</summary>
    Set,
    /// <summary>SHOW</summary>
    Show,
    /// <summary>SIMILAR</summary>
    Similar,
    /// <summary>SOME</summary>
    Some,
    /// <summary>SORTKEY</summary>
    Sortkey,
    /// <summary>STORED</summary>
    Stored,
    /// <summary>SUBSTRING</summary>
    Substring,
    /// <summary>SYMMETRIC</summary>
    Symmetric,
    /// <summary>SYSDATE</summary>
    Sysdate,
    /// <summary>SYSTEM_USER</summary>
    SystemUser,
    /// <summary>TABLE</summary>
    Table,
    /// <summary>TABLESAMPLE</summary>
    Tablesample,
    /// <summary>TEMP</summary>
    Temp,
    /// <summary>TEMPORARY</summary>
    Temporary,
    /// <summary>TERMINATED</summary>
    Terminated,
    /// <summary>TEXTFILE</summary>
    Textfile,
    /// <summary>THEN</summary>
    Then,
    /// <summary>TIES</summary>
    Ties,
    /// <summary>TIME</summary>
    Time,
    /// <summary>TIMESTAMP</summary>
    Timestamp,
    /// <summary>TO</summary>
    To,
    /// <summary>TOP</summary>
    Top,
    /// <summary>TRAILING</summary>
    Trailing,
    /// <summary>TRIM</summary>
    Trim,
    /// <summary>TRUE</summary>
    True,
    /// <summary>TRUNCATE</summary>
    Truncate,
    /// <summary>TRY_CAST</summary>
    TryCast,
    /// <summary>UNBOUNDED</summary>
    Unbounded,
    /// <summary>UNION</summary>
    Union,
    /// <summary>UNIQUE</summary>
    Unique,
    /// <summary>UNKNOWN</summary>
    Unknown,
    /// <summary>URI</summary>
    Uri,
    /// <summary>USER</summary>
    User,
    /// <summary>USING</summary>
    Using,
    /// <summary>VALUES</summary>
    Values,
    /// <summary>VARIADIC</summary>
    Variadic,
    /// <summary>VARYING</summary>
    Varying,
    /// <summary>VERBOSE</summary>
    Verbose,
    /// <summary>WHEN</summary>
    When,
    /// <summary>WHERE</summary>
    Where,
    /// <summary>WINDOW</summary>
    Window,
    /// <summary>WITH</summary>
    With,
    /// <summary>WITHIN</summary>
    Within,
    /// <summary>WITHOUT</summary>
    Without,
    /// <summary>YEAR</summary>
    Year,
    /// <summary>YES</summary>
    Yes,
    /// <summary>ZONE</summary>
    Zone,
}
