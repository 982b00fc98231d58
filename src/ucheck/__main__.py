from ucheck.cli import console

console()
