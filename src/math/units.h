/*
 * units.h - exact conversion factors between SI and the English units of
 * JSBSim files, DAVE-ML models and NASA's check cases.
 *
 * Inside Saqr everything is SI; these convert only at the boundary.
 * References: NIST SP 811 (2008), Appendix B; 1 ft = 0.3048 m exactly,
 * 1 lbm = 0.45359237 kg exactly, g0 = 9.80665 m/s^2 exactly.
 */
#ifndef SAQR_MATH_UNITS_H
#define SAQR_MATH_UNITS_H

#define UNITS_PI 3.14159265358979323846
#define UNITS_PI_2 (UNITS_PI / 2.0)

#define M_PER_FT 0.3048
#define M_PER_IN 0.0254
#define M_PER_NMI 1852.0
#define KG_PER_LBM 0.45359237
#define G0_MPS2 9.80665
#define N_PER_LBF (KG_PER_LBM * G0_MPS2)       /* 4.4482216152605 */
#define KG_PER_SLUG (N_PER_LBF / M_PER_FT)     /* 14.593902937206 */
#define PA_PER_PSF (N_PER_LBF / (M_PER_FT * M_PER_FT))
#define KGPM3_PER_SLUGPFT3 (KG_PER_SLUG / (M_PER_FT * M_PER_FT * M_PER_FT))
#define KGM2_PER_SLUGFT2 (KG_PER_SLUG * M_PER_FT * M_PER_FT)
#define K_PER_R (1.0 / 1.8)
#define RAD_PER_DEG (UNITS_PI / 180.0)
#define DEG_PER_RAD (180.0 / UNITS_PI)
#define MPS_PER_KT (M_PER_NMI / 3600.0)
#define S_PER_MIN 60.0

#endif
