"""Editors and diff tools: diff, patch, sed, vi."""
