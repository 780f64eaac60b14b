"""Signals of changes to what readers see that save no model instance."""

from django.dispatch import Signal

# Sent after articles change in bulk (a queryset's update()) or when the most read list moves.
pages_changed = Signal()
