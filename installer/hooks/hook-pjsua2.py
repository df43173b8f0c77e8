# pjsua2's __init__ imports its SWIG module and the compiled extension by name at run time
# (importlib), which PyInstaller's static analysis cannot see; without these the frozen app stops
# with "PJSUA2 binary bindings are not staged".
hiddenimports = ["pjsua2.pjsua2", "pjsua2._pjsua2"]
