[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Federation.Storage.Tests")]
