@echo off
rem Runs token-cli from this checkout on Windows, as bin/token-cli does elsewhere: put this folder on your PATH,
rem or call it by its path. JAVA picks another java, TOKEN_CLI_JAVA_OPTS replaces the JVM options.
setlocal
set "jar=%~dp0..\token-cli\target\token-cli.jar"
if exist "%jar%" goto run
>&2 echo token-cli: %jar% not found; build it first with: mvnw.cmd -B package -DskipTests
exit /b 3
:run
if not defined JAVA set "JAVA=java"
if not defined TOKEN_CLI_JAVA_OPTS set "TOKEN_CLI_JAVA_OPTS=-XX:TieredStopAtLevel=1 -Xshare:auto"
"%JAVA%" %TOKEN_CLI_JAVA_OPTS% -jar "%jar%" %*
exit /b %ERRORLEVEL%
