using System.Diagnostics;

namespace Cantus.Music.Tests;

/// <summary>Probes (once per module) whether Debian's /usr/bin/python3 can import a module.</summary>
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
