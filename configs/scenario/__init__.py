"""Hydra config group (YAML files), installed as package data of navsim_configs."""
