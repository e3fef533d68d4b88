"""Qt Widgets: the main window, the keys table model and its filter proxy, the dialogs.

Views call the services layer (``keydesk.services``) and never build queries.
"""
