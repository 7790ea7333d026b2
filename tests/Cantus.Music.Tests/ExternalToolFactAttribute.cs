using System.Diagnostics;

namespace Cantus.Music.Tests;

/// <summary>
/// A fact that runs only when Debian's <c>/usr/bin/python3</c> can import the given module;
/// otherwise it is skipped with the package to install. CI installs the packages, so nothing
/// is skipped there.
/// </summary>
public sealed class PythonModuleFactAttribute : FactAttribute
{
    public PythonModuleFactAttribute(string module, string debianPackage)
    {
        if (!PythonModules.Has(module)) Skip = $"/usr/bin/python3 cannot import {module}: apt-get install {debianPackage}";
    }
}

internal static class PythonModules
{
    private static readonly Dictionary<string, bool> Cache = [];

    public static bool Has(string module)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(module, out var has)) return has;
            return Cache[module] = Probe(module);
        }
    }

    private static bool Probe(string module)
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", $"import {module}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit(30_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
