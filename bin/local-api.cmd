@echo off
rem Serves template.yaml's API on http://127.0.0.1:3000 with local-gateway on Windows, as bin/local-api does
rem elsewhere, but without building: run mvnw.cmd -B package -DskipTests first. Arguments go to local-gateway
rem (--port N, --template FILE, --runtime MODE, --help); paths are relative to the project folder.
setlocal
pushd "%~dp0.."
for %%f in (local-gateway\target\local-gateway.jar authorizer\target\authorizer.jar hello-lambda\target\hello-lambda.jar) do (
  if not exist "%%f" (
    >&2 echo local-api: %%f not found; build it first with: mvnw.cmd -B package -DskipTests
    popd
    exit /b 1
  )
)
java -jar local-gateway\target\local-gateway.jar %*
set "status=%ERRORLEVEL%"
popd
exit /b %status%
