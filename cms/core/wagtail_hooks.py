from wagtail import hooks

from .downloads import check_document

hooks.register("before_serve_document", check_document)
