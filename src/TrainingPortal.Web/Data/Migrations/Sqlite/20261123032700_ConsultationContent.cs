using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsultationContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "TrainingCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "VerifiedById",
                table: "TrainingCases",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedUtc",
                table: "TrainingCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Comments",
                table: "HomeworkSubmissions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReturnedOn",
                table: "HomeworkSubmissions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Verified",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "VerifiedById",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "VerifiedUtc",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "Comments",
                table: "HomeworkSubmissions");

            migrationBuilder.DropColumn(
                name: "ReturnedOn",
                table: "HomeworkSubmissions");
        }
    }
}
