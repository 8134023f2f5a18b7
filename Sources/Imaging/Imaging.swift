// Imaging module: see docs/ and the files beside this one.
