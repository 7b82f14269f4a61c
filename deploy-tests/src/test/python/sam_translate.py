"""Transforms a SAM template into the CloudFormation that `sam deploy` would create, offline.

Usage: python sam_translate.py TEMPLATE [Name=Value ...] > transformed.json

It runs the AWS SAM translator (the library behind the AWS::Serverless transform) with a fixed region and no
AWS account or credentials. Local CodeUri paths and nested applications' local Locations are replaced by S3
locations, as `sam deploy` does after uploading them. Template parameters take their defaults unless given as Name=Value.
"""

import json
import sys

import boto3
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

# Any real region works; the ARNs in the output use its partition (aws).
REGION = "us-east-1"
UPLOAD_BUCKET = "sam-artifacts-offline-check"


def main(argv):
    if len(argv) < 2:
        print("usage: sam_translate.py TEMPLATE [Name=Value ...]", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as template_file:
        template = yaml_parse(template_file.read())
    parameters = dict(argument.split("=", 1) for argument in argv[2:])
    point_code_at_s3(template)
    translator = Translator(
        managed_policy_map=None,
        sam_parser=Parser(),
        boto_session=boto3.session.Session(region_name=REGION),
    )
    transformed = translator.translate(
        template, parameter_values=parameters, get_managed_policy_map=no_managed_policies)
    json.dump(transformed, sys.stdout, indent=2, sort_keys=True)
    return 0


def point_code_at_s3(template):
    """Does what `sam deploy` does before the transform: a local CodeUri or nested application's Location becomes
    the S3 object it uploaded."""
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        location = properties.get("Location")
        if resource.get("Type") == "AWS::Serverless::Application" and isinstance(location, str) \
                and not location.startswith("https://"):
            properties["Location"] = f"https://{UPLOAD_BUCKET}.s3.{REGION}.amazonaws.com/{location}"
        code_uri = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(code_uri, str) \
                and not code_uri.startswith("s3://"):
            properties["CodeUri"] = f"s3://{UPLOAD_BUCKET}/{code_uri}"


def no_managed_policies():
    # Resolving a managed policy name needs an AWS account; the template uses its own roles instead.
    raise SystemExit("the template names an AWS managed policy; resolving it needs an AWS account")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
