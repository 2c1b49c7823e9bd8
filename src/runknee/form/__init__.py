"""Running-form check from a phone video (issue 11): decode, pose, gait events, metrics.

The optional ``form`` extra (OpenCV, PyAV, SciPy) and mediapipe 0.10.21 are needed to analyse
a video; the result types in :mod:`runknee.form.models` import without them. Everything runs
on this machine: the pose model's weights ship inside the mediapipe wheel.
"""
