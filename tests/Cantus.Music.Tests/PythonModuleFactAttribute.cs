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
